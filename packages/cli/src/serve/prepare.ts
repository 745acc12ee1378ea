import { type Config, configuredStore, ensureSandboxPki, openStore } from '@openstet/aspsp';

/**
 * What must happen once before the workers start, never in N processes at once: the sandbox PKI is
 * created (N workers would each write their own CA over the others'), and the database schema is created
 * and migrated (concurrent `create schema if not exists` can fail on PostgreSQL). Each worker's
 * `startServer` then only reads the PKI and finds the migrations done.
 */
export async function prepareDataDirectory(config: Config): Promise<void> {
  await ensureSandboxPki(config.dataDir, config.establishments);
  const store = await openStore(configuredStore(config));
  await store.close();
}
