import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer, type ServerOptions } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyServerFactory, type FastifyServerOptions } from 'fastify';
import { adminRoutes } from './admin/admin-routes.ts';
import type { Config } from './config.ts';
import type { TppLicence, TppRegistry } from './domain/tpp-licence.ts';
import { clientCertificateHook } from './http/client-certificate.ts';
import { installNotFound } from './http/not-found.ts';
import { installRawJsonParser } from './http/raw-body.ts';
import { installErrorRenderer } from './http/render-error.ts';
import { requestIdHook } from './http/request-id.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createTrustChain, type TrustChain, type TrustChainDeps } from './http/trust-chain.ts';
import { registerRoute } from './oauth/register-route.ts';
import { clientRepository } from './store/client-repository.ts';
import type { Store } from './store/open-store.ts';
import { tppRegistryRepository } from './store/tpp-registry-repository.ts';
import { signingCertificates } from './trust/signing-certificates.ts';
import type { TrustStore } from './trust/trust-store.ts';
import { ttlCache } from './trust/ttl-cache.ts';

export interface AppDeps {
  readonly store: Store;
  readonly trustStore: TrustStore;
  readonly bankSeal: TrustChainDeps['bankSeal'];
  /** Enables the loopback admin API on the public listener. */
  readonly adminSecret?: string;
  /** TLS server options per listener; absent in `inject` tests. */
  readonly tls?: { readonly public: ServerOptions; readonly mtls: ServerOptions };
  readonly logger?: FastifyServerOptions['logger'];
  readonly now?: () => Date;
}

export interface App {
  /** PSU pages, OAuth metadata, admin (public listener, 8443). */
  readonly public: FastifyInstance;
  /** Token, revoke, register and the STET API (mTLS listener, 8444). */
  readonly mtls: FastifyInstance;
  readonly trust: TrustChain;
  /** The register of licensed TPPs; changes through it apply to the running server at once. */
  readonly registry: TppRegistry;
  close(): Promise<void>;
}

const STET_API = /^\/stet\//;
const BODY_LIMIT = 256 * 1024;
/** Long keep-alive: card issuers reuse one TLS session for many funds checks (DESIGN.md "The hot path"). */
const KEEP_ALIVE_MS = 72_000;
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;

function fastify(deps: AppDeps, tls: ServerOptions | undefined): FastifyInstance {
  // Fastify's types tie the instance to http.Server; an https.Server serves the same request objects.
  const serverFactory: FastifyServerFactory = (handler) => {
    const server = createServer(tls ?? {}, handler);
    // Fastify applies these to servers it creates itself, not to a factory's.
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    return server as unknown as Server;
  };
  const app: FastifyInstance = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    keepAliveTimeout: KEEP_ALIVE_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...(tls ? { serverFactory } : {}),
  });
  installErrorRenderer(app);
  installNotFound(app);
  installRawJsonParser(app, BODY_LIMIT);
  app.addHook(
    'onRequest',
    requestIdHook((path) => STET_API.test(path)),
  );
  app.addHook('onSend', securityHeaders);
  return app;
}

/** The composition root: wires store, trust and routes into the two listeners (DESIGN.md "Layout"). */
export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const now = deps.now ?? (() => new Date());
  const ttl = config.trustCacheSeconds * 1000;
  const storedRegistry = tppRegistryRepository(deps.store.db);
  const clients = clientRepository(deps.store.db);
  const licences = ttlCache((org) => storedRegistry.find(org), ttl);
  const signers = signingCertificates(clients, deps.trustStore, ttl);
  const registry: TppRegistry = {
    find: (org) => storedRegistry.find(org),
    list: () => storedRegistry.list(),
    save: async (licence: TppLicence) => {
      await storedRegistry.save(licence);
      licences.forget(licence.organizationIdentifier);
    },
  };
  const trust = createTrustChain({
    licences,
    signingCertificates: signers,
    bankSeal: deps.bankSeal,
    clockSkewSeconds: config.clockSkewSeconds,
    now,
  });

  const publicApp = fastify(deps, deps.tls?.public);
  if (deps.adminSecret) adminRoutes(publicApp, { secret: deps.adminSecret, registry });

  const mtls = fastify(deps, deps.tls?.mtls);
  mtls.decorateRequest('tpp', undefined);
  mtls.addHook(
    'onRequest',
    clientCertificateHook({
      trustStore: deps.trustStore,
      header: config.clientCertHeader,
      trustedProxies: config.trustedProxies,
    }),
  );
  registerRoute(mtls, {
    clients,
    trust,
    trustStore: deps.trustStore,
    onRegistered: (clientId) => signers.forget(clientId),
  });

  return Object.freeze({
    public: publicApp,
    mtls,
    trust,
    registry,
    async close() {
      await Promise.all([publicApp.close(), mtls.close()]);
    },
  });
}
