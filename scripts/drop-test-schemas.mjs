// Drops the PostgreSQL schemas the test suite made (`t_` + 12 hex digits, test/helpers/stores.ts) once no
// test runs. Dropping them as each test ends raced with other test files: Kysely's migrator lists every
// schema's tables, and a schema dropped meanwhile fails that listing ("schema … does not exist").
import pg from 'pg';

export async function dropTestSchemas(databaseUrl = process.env.DATABASE_URL) {
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'",
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}
