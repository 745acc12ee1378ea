import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import { preparedReads } from './prepared-reads.ts';
import type { Database } from './schema.ts';

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; in memory when absent. Never opened by two processes at once. */
  readonly dataDir?: string | undefined;
  /** A PGlite instance owned by the caller (tests share one per process); `close()` leaves it open. */
  readonly pglite?: PGlite | undefined;
  /** PostgreSQL schema holding the tables (default `public`; tests use one schema each). */
  readonly schema?: string | undefined;
  /** The establishment rows from before there were several belong to (`OPENSTET_DEFAULT_CDETAB`, 13807). */
  readonly defaultEstablishment?: string | undefined;
}

/** What a bank's configuration says of its database (`config.ts`). */
interface DatabaseConfig {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly databaseSchema: string;
  readonly defaultCdetab: string;
}

/** The store a bank's configuration names: DATABASE_URL, else PGlite in the data directory. */
export function configuredStore(config: DatabaseConfig): StoreOptions {
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    defaultEstablishment: config.defaultCdetab,
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function dialect(options: StoreOptions) {
  if (options.databaseUrl) {
    return {
      engine: 'postgres' as const,
      dialect: new PostgresDialect({
        pool: preparedReads(new pg.Pool({ connectionString: options.databaseUrl, max: 10 })),
      }),
    };
  }
  if (options.pglite)
    return { engine: 'pglite' as const, dialect: new PGliteDialect({ pglite: options.pglite }) };
  const directory = options.dataDir ? join(options.dataDir, 'pgdata') : undefined;
  if (directory) mkdirSync(directory, { recursive: true });
  return { engine: 'pglite' as const, dialect: new PGliteDialect({ pglite: new PGlite(directory) }) };
}

/** Opens the database, creates the schema when asked, and brings it to the latest migration. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const { engine, dialect: chosen } = dialect(options);
  // `root` has no plugin, so the migrations and Kysely's migration tables keep the real snake_case names
  // as written. Its `Database` type holds only for the plugged view made from it below.
  const root = new Kysely<Database>({ dialect: chosen });
  const close = options.pglite ? async () => {} : () => root.destroy();
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(root);
    const migrated = schema === 'public' ? root : root.withSchema(schema);
    const migrator = new Migrator({
      db: migrated,
      provider: migrationProvider(options.defaultEstablishment ?? '13807'),
      migrationTableSchema: schema,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    // The repositories' view: camelCase in TypeScript, snake_case in SQL (schema.ts).
    const db = migrated.withPlugin(new CamelCasePlugin());
    return Object.freeze({ db, engine, close });
  } catch (error) {
    await close();
    throw error;
  }
}
