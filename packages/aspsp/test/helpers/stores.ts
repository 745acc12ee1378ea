import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/open-store.ts';

export type Engine = 'PGlite' | 'PostgreSQL';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). The same tests run on each. */
export const ENGINES: readonly Engine[] = process.env.DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];

let shared: PGlite | undefined;

export function uniqueSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** A migrated store in a schema of its own; `close()` drops it on PGlite (PostgreSQL: after the run). */
export async function testStore(engine: Engine): Promise<Store> {
  const schema = uniqueSchema();
  shared ??= new PGlite();
  const store = await openStore(
    engine === 'PostgreSQL' ? { databaseUrl: process.env.DATABASE_URL, schema } : { pglite: shared, schema },
  );
  return {
    db: store.db,
    engine: store.engine,
    async close() {
      // PGlite is this process's own; PostgreSQL's schemas go when the whole run ends (scripts/drop-test-schemas.mjs).
      if (engine === 'PGlite') await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}
