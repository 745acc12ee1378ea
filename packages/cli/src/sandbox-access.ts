import { request } from 'node:https';
import { connect } from 'node:tls';
import {
  adminSecret,
  type CertificateRevocation,
  type Config,
  configuredStore,
  openStore,
  type RevocationList,
  runningServer,
  type ServerState,
  sandboxRevocationRepository,
  type TppLicence,
  type TppRegistry,
  tppRegistryRepository,
} from '@openstet/aspsp';

/** What the CLI changes in a sandbox: its register of licensed TPPs and its test CA's revocations. */
export interface SandboxState {
  readonly registry: TppRegistry;
  readonly revocations: RevocationList;
}

type AdminServer = ServerState & { readonly adminUrl: string };

/** Calls the admin API of a running server over TLS, pinned to the server certificate it published. */
function adminCall(
  state: AdminServer,
  secret: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = new URL(path, state.adminUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      servername: 'localhost',
      rejectUnauthorized: false,
    });
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      if (socket.getPeerX509Certificate()?.fingerprint256 !== state.serverFingerprint256) {
        socket.destroy();
        reject(new Error('the server on the admin port is not the one recorded in the data directory'));
        return;
      }
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const call = request(
        {
          method,
          path: url.pathname,
          createConnection: () => socket,
          headers: {
            authorization: `Bearer ${secret}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { message?: string };
            if ((response.statusCode ?? 500) >= 400)
              reject(new Error(parsed.message ?? `admin API answered ${response.statusCode}`));
            else resolve(parsed);
          });
        },
      );
      call.once('error', reject);
      call.end(payload);
    });
  });
}

function remoteSandbox(state: AdminServer, secret: string): SandboxState {
  const call = (method: string, path: string, body?: unknown) => adminCall(state, secret, method, path, body);
  const licences = async () =>
    ((await call('GET', '/admin/registry')) as { licences: TppLicence[] }).licences;
  return {
    registry: {
      list: licences,
      find: async (org) => (await licences()).find((licence) => licence.organizationIdentifier === org),
      save: async (licence) => {
        await call('POST', '/admin/registry', licence);
      },
    },
    revocations: {
      list: async () => {
        const { revocations } = (await call('GET', '/admin/revocations')) as {
          revocations: (Omit<CertificateRevocation, 'revokedAt'> & { revokedAt: string })[];
        };
        return revocations.map((entry) => ({ ...entry, revokedAt: new Date(entry.revokedAt) }));
      },
      revoke: async ({ serialNumber, reason }) => {
        await call('POST', '/admin/revocations', { serialNumber, reason });
      },
    },
  };
}

/**
 * Runs `work` against the sandbox's state: through the running server's admin API when it has one
 * (PGlite is single-process, and the server's caches learn the change at once), else directly on the
 * database (a server on PostgreSQL sees a licence within OPENSTET_TRUST_CACHE_SECONDS and a revocation
 * within OPENSTET_REVOCATION_CACHE_SECONDS).
 */
export async function withSandbox<T>(
  config: Config,
  work: (sandbox: SandboxState) => Promise<T>,
): Promise<T> {
  const state = runningServer(config.dataDir);
  const adminUrl = state?.adminUrl;
  if (state && adminUrl) return work(remoteSandbox({ ...state, adminUrl }, adminSecret(config.dataDir)));
  // PGlite is single-process: with the server holding it and no admin API, nothing may open it.
  if (state && !config.databaseUrl)
    throw new Error(
      `The running server (pid ${state.pid}) holds the embedded database and its admin API is off (OPENSTET_ADMIN_API=false): stop it first`,
    );
  const store = await openStore(configuredStore(config));
  try {
    return await work({
      registry: tppRegistryRepository(store.db),
      revocations: sandboxRevocationRepository(store.db),
    });
  } finally {
    await store.close();
  }
}
