/**
 * Where the bank keeps its data during a run: a schema of its own on PostgreSQL (`bench_<random>`,
 * dropped at the end), or the embedded PGlite database in the run's data directory.
 */

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** PostgreSQL connection and the run's schema, as the bank child gets them. */
export interface PostgresTarget {
  readonly url: string;
  readonly schema: string;
}

export interface BenchDatabase {
  /** Absent: the bank uses PGlite in its data directory. */
  readonly postgres: PostgresTarget | undefined;
  /** One line for the output: which database the numbers were measured on. */
  readonly description: string;
  /** Drops the run's schema (PostgreSQL), once the bank has closed. */
  drop(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without its password, to print. */
function displayUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*):[^@]*@/i, '$1:***@');
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function postgres(url: string, version?: string): BenchDatabase {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const server = version ? `PostgreSQL ${version}` : 'PostgreSQL';
  return {
    postgres: { url, schema },
    description: `${server} at ${displayUrl(url)}, schema ${schema} (dropped at the end)`,
    drop: () => withClient(url, (client) => client.query(`drop schema if exists "${schema}" cascade`)).then(),
  };
}

const PGLITE: BenchDatabase = {
  postgres: undefined,
  description: 'embedded PGlite in the run’s data directory',
  drop: async () => {},
};

/** As the server chooses: PostgreSQL when `DATABASE_URL` is set, else PGlite (not checked beforehand). */
export function databaseFromEnvironment(): BenchDatabase {
  const url = process.env.DATABASE_URL;
  return url ? postgres(url) : PGLITE;
}

/**
 * PostgreSQL at `DATABASE_URL`, or at DEFAULT_DATABASE_URL when unset; when it cannot be reached, the
 * embedded PGlite, and the description says so: the numbers are then not the PostgreSQL ones.
 */
export async function postgresOrPglite(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    const version = await withClient(url, async (client) => {
      const result = await client.query<{ server_version: string }>('show server_version');
      return result.rows[0]?.server_version.split(' ')[0] ?? 'unknown version';
    });
    return postgres(url, version);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = error instanceof Error ? error.message || String(code ?? error.name) : String(error);
    return {
      ...PGLITE,
      description: `PostgreSQL at ${displayUrl(url)} is unreachable (${reason}): FELL BACK to the embedded PGlite, these are not PostgreSQL numbers`,
    };
  }
}
