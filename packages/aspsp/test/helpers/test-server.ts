import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { testPki } from './pki.ts';
import { type Engine, uniqueSchema } from './stores.ts';

export interface TestServer {
  readonly server: RunningServer;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * A real server on ephemeral ports whose sandbox CA is the test PKI's CA, so test certificates are
 * trusted. On PostgreSQL it gets a schema of its own, dropped when the test run ends.
 */
export async function startTestServer(
  engine: Engine,
  extend?: (app: App) => void,
  extraEnv: Readonly<Record<string, string>> = {},
  now?: () => Date,
): Promise<TestServer> {
  const { ca } = await testPki();
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-server-'));
  mkdirSync(join(dataDir, 'pki'), { recursive: true });
  writeFileSync(join(dataDir, 'pki', 'ca.pem'), ca.certificatePem);
  writeFileSync(join(dataDir, 'pki', 'ca.key'), ca.privateKeyPem, { mode: 0o600 });
  const schema = uniqueSchema();
  const env = {
    OPENSTET_DATA_DIR: dataDir,
    OPENSTET_PUBLIC_PORT: '0',
    OPENSTET_MTLS_PORT: '0',
    ...(engine === 'PostgreSQL'
      ? { DATABASE_URL: process.env.DATABASE_URL, OPENSTET_DATABASE_SCHEMA: schema }
      : {}),
    ...extraEnv,
  };
  const server = await startServer(loadConfig(env), {
    log: false,
    ...(extend ? { extend } : {}),
    ...(now ? { now } : {}),
  });
  return {
    server,
    dataDir,
    async close() {
      await server.close();
      // Its PostgreSQL schema goes when the whole run ends (scripts/drop-test-schemas.mjs).
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
