import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type App, buildApp } from './app.ts';
import type { Config } from './config.ts';
import { adminSecret, publishServerState, runningServer, type ServerState } from './data-dir.ts';
import { loggerOptions } from './http/logger.ts';
import { configuredStore, openStore } from './store/open-store.ts';
import { TLS_POLICY } from './tls-policy.ts';
import { loadBankSeal, loadTrustStore } from './trust/load-trust.ts';
import { ensureSandboxPki } from './trust/sandbox-pki.ts';

export interface RunningServer {
  readonly app: App;
  readonly publicUrl: string;
  readonly mtlsUrl: string;
  readonly dataDir: string;
  readonly database: 'pglite' | 'postgres';
  /** The loopback admin API, when it listens (`OPENSTET_ADMIN_API`). */
  readonly adminUrl: string | undefined;
  readonly warnings: readonly string[];
  /** What the server publishes in `server.json` (or would: see `StartOptions.publishState`). */
  readonly state: ServerState;
  close(): Promise<void>;
}

export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
}

async function listen(app: FastifyInstance, name: string, host: string, port: number): Promise<number> {
  await app.listen({
    host,
    port,
    listenTextResolver: (address) => `${name} listener on ${address.replace(/^http:/, 'https:')}`,
  });
  return (app.server.address() as AddressInfo).port;
}

function urlWithPort(url: string, configuredPort: number, actualPort: number): string {
  return configuredPort === 0 ? url.replace(/:0$/, `:${actualPort}`) : url;
}

/**
 * Starts the bank: sandbox PKI, database (migrated), the public listener and the mTLS listener
 * (RFC 8705 §5 endpoint aliases). The only place that listens. `close()` drains both listeners, then
 * closes the database.
 */
export interface StartOptions {
  /** `false` silences the logs (tests, benchmarks). */
  readonly log?: boolean;
  /** Adds routes before the listeners open (tests and benchmarks register their own STET routes). */
  readonly extend?: (app: App) => void;
  /**
   * `false`: neither refuses to start beside another server of the data directory nor publishes
   * `server.json`. For the workers of `openstet serve --workers`, whose primary does both, once, for all.
   */
  readonly publishState?: boolean;
  /** The bank's clock; the system's by default (tests move it forward: standing orders, expiries). */
  readonly now?: () => Date;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const publish = options.publishState !== false;
  const other = publish ? runningServer(config.dataDir) : undefined;
  if (other)
    throw new ServerStartError(
      `Another openstet server (pid ${other.pid}) uses ${config.dataDir}; stop it first`,
    );
  const pki = await ensureSandboxPki(config.dataDir, config.establishments);
  const key = config.tlsKeyFile ? readFileSync(config.tlsKeyFile, 'utf8') : pki.server.privateKeyPem;
  const cert = config.tlsCertFile ? readFileSync(config.tlsCertFile, 'utf8') : pki.server.certificatePem;
  const trustStore = loadTrustStore(config, pki);
  const proxied = config.clientCertHeader !== undefined;
  const store = await openStore(configuredStore(config));
  const app = await buildApp(config, {
    store,
    trustStore,
    bankSeal: loadBankSeal(pki, config),
    ...(config.adminApi ? { adminSecret: adminSecret(config.dataDir) } : {}),
    ...(config.trustSandboxCa ? { sandboxCa: pki.ca } : {}),
    logger: options.log === false ? false : loggerOptions(config.logLevel),
    ...(options.now ? { now: options.now } : {}),
    tls: {
      public: { key, cert, ...TLS_POLICY },
      admin: { key, cert, ...TLS_POLICY },
      // STET Part I §3.2: mutual TLS (1.2 at least) with a QWAC; an unknown CA or no certificate fails the
      // handshake. Behind a proxy the proxy connects without one and the certificate comes in a header.
      mtls: {
        key,
        cert,
        ...TLS_POLICY,
        requestCert: true,
        rejectUnauthorized: !proxied,
        ca: [...trustStore.pems],
      },
    },
  });
  try {
    options.extend?.(app);
    const publicPort = await listen(app.public, 'public', config.host, config.publicPort);
    const mtlsPort = await listen(app.mtls, 'mTLS', config.host, config.mtlsPort);
    // Loopback only, any free port: the CLI finds it in server.json.
    const adminPort = app.admin ? await listen(app.admin, 'admin', '127.0.0.1', 0) : undefined;
    const adminUrl = adminPort ? `https://127.0.0.1:${adminPort}` : undefined;
    const publicUrl = urlWithPort(config.publicUrl, config.publicPort, publicPort);
    const mtlsUrl = urlWithPort(config.mtlsUrl, config.mtlsPort, mtlsPort);
    app.endpoints.settle({ publicUrl, mtlsUrl });
    const state: ServerState = {
      pid: process.pid,
      publicUrl,
      mtlsUrl,
      ...(adminUrl ? { adminUrl } : {}),
      serverFingerprint256: new X509Certificate(cert).fingerprint256,
    };
    const unpublish = publish ? publishServerState(config.dataDir, state) : () => {};
    const warnings = config.trustSandboxCa
      ? [
          'The sandbox test CA is trusted: test certificates only. Set OPENSTET_TRUST_SANDBOX_CA=false in production.',
        ]
      : [];
    return Object.freeze({
      app,
      publicUrl,
      mtlsUrl,
      dataDir: config.dataDir,
      database: store.engine,
      adminUrl,
      warnings,
      state,
      async close() {
        unpublish();
        await app.close();
        await store.close();
      },
    });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
}
