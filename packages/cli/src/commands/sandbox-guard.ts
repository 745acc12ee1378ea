import {
  bankKindOf,
  type Config,
  recordBankKind,
  recordedBankKind,
  runningServer,
  type Store,
} from '@openstet/aspsp';

/** The database as a message names it: where it is, never a password. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    const where = `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    return `the PostgreSQL database ${where} (schema ${config.databaseSchema})`;
  } catch {
    return `the PostgreSQL database of DATABASE_URL (schema ${config.databaseSchema})`;
  }
}

/** PGlite is single-process (DESIGN.md): a server holding the embedded database must stop first. */
export function refuseHeldDatabase(config: Config): void {
  const state = runningServer(config.dataDir);
  if (state && !config.databaseUrl)
    throw new Error(
      `The running server (pid ${state.pid}) holds the embedded database in ${config.dataDir}: stop it, populate, then start it again`,
    );
}

const OVERRIDE = 'Pass --allow-non-sandbox to populate it anyway.';
const WHY =
  'a population is customers and tokens that anyone who knows the seed can derive, which only a sandbox may hold';

/**
 * Populating is for a sandbox's database. Refuses (exit 1) one a production bank recorded as its own
 * (`bank_kind`), or, while no bank has recorded a kind, one this configuration would open as a production
 * bank (it does not trust the sandbox CA); `allow` overrides. Records the kind when none is recorded, as
 * the bank does when it starts, so that a production bank never later takes this database for its own.
 */
export async function checkBankKind(store: Store, config: Config, allow: boolean): Promise<void> {
  const database = describeDatabase(config);
  const recorded = await recordedBankKind(store.db);
  if (recorded?.kind === 'production' && !allow)
    throw new Error(
      `${database} belongs to a production bank (bank kind "production", recorded ${recorded.recordedAt.toISOString()}): ${WHY}. ${OVERRIDE}`,
    );
  if (recorded) return;
  const kind = bankKindOf(config);
  if (kind === 'production' && !allow)
    throw new Error(
      `No bank has recorded a kind in ${database} yet, and this configuration does not trust the sandbox CA (OPENSTET_TRUST_SANDBOX_CA=false): it is a production bank's. ${OVERRIDE}`,
    );
  // A bank starting meanwhile records its kind first: follow it.
  const winner = await recordBankKind(store.db, kind, new Date());
  if (winner === 'production' && !allow)
    throw new Error(`${database} belongs to a production bank (bank kind "production"): ${WHY}. ${OVERRIDE}`);
}
