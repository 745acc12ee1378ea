import type { ServerOptions } from 'node:https';
import type { KeyAndCertificate } from '@openstet/protocol';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { adminRoutes } from './admin/admin-routes.ts';
import type { Config } from './config.ts';
import type { TppRegistry } from './core/tpp/tpp-licence.ts';
import { installAuditTrail } from './http/audit-trail.ts';
import { clientCertificateHook } from './http/client-certificate.ts';
import { establishmentHost } from './http/establishment-host.ts';
import { fastifyInstance } from './http/fastify-instance.ts';
import { rejectBadQueryOrForm } from './http/input-guard.ts';
import type { TrustChain } from './http/trust-chain.ts';
import { metadataRoute } from './oauth/metadata-route.ts';
import { registerRoute } from './oauth/register-route.ts';
import { revokeRoute } from './oauth/revoke-route.ts';
import { psuPages } from './oauth/sca/psu-pages.ts';
import { tokenRoute } from './oauth/token-route.ts';
import { repeatEvery } from './repeat-every.ts';
import { createServices, type ServiceDeps, type Services } from './services.ts';
import { openApiRoute } from './standards/stet/openapi-route.ts';
import { stetRoutes } from './standards/stet/stet-routes.ts';
import { bankKey } from './store/bank-keys.ts';
import { bankKindOf, recordBankKind } from './store/bank-kind.ts';
import { sandboxQtspRoutes } from './trust/sandbox-qtsp-routes.ts';

export interface AppDeps extends ServiceDeps {
  /** Enables the admin API, on a listener of its own that the server binds to 127.0.0.1 only. */
  readonly adminSecret?: string;
  /**
   * The sandbox's test QTSP CA, when it is trusted: the public listener then publishes its CRL and answers
   * OCSP for it (`trust/sandbox-qtsp-routes.ts`).
   */
  readonly sandboxCa?: KeyAndCertificate;
  /** TLS server options per listener; absent in `inject` tests. */
  readonly tls?: {
    readonly public: ServerOptions;
    readonly mtls: ServerOptions;
    readonly admin?: ServerOptions;
  };
  readonly logger?: FastifyServerOptions['logger'];
}

export interface App {
  /** PSU pages, OAuth metadata (public listener, 8443). */
  readonly public: FastifyInstance;
  /** Token, revoke, register and the STET API (mTLS listener, 8444). */
  readonly mtls: FastifyInstance;
  readonly trust: TrustChain;
  /** The register of licensed TPPs; changes through it apply to the running server at once. */
  readonly registry: TppRegistry;
  readonly services: Services;
  /** Writes the pending audit events now (they are otherwise written every 200 ms). */
  flushAudit(): Promise<void>;
  /** Base URLs; the server settles them once it listens (port 0). */
  readonly endpoints: Services['endpoints'];
  /** The admin API (loopback only), when an admin secret was given. */
  readonly admin: FastifyInstance | undefined;
  close(): Promise<void>;
}

/** The public listener: the customer's browser and OAuth discovery. */
function publicListener(services: Services, deps: AppDeps): FastifyInstance {
  const app = fastifyInstance(deps.logger, deps.tls?.public, services.now);
  const { config } = services;
  reachEstablishments(app, services);
  const audit = installAuditTrail(app, services.audit, { interactionsOnly: true });
  app.decorate('flushAudit', audit.flush);
  metadataRoute(app, services.sandbox);
  openApiRoute(app);
  if (deps.sandboxCa) {
    sandboxQtspRoutes(app, {
      ca: deps.sandboxCa,
      revocations: services.sandboxRevocations,
      now: services.now,
      // Current for at least a minute; the checker still asks again after OPENSTET_REVOCATION_CACHE_SECONDS.
      validitySeconds: Math.max(60, config.revocationCacheSeconds),
    });
  }
  psuPages(app, {
    ...services,
    requirePkce: config.requirePkce,
    inactivitySeconds: config.scaInactivitySeconds,
    psuRateLimit: config.psuRateLimit,
  });
  return app;
}

/** Every request names its establishment from its host (DESIGN.md "Establishments"). */
function reachEstablishments(app: FastifyInstance, services: Services): void {
  app.decorateRequest('establishment', undefined as never);
  app.addHook(
    'onRequest',
    establishmentHost({
      establishments: services.establishments,
      endpoints: services.endpoints.current,
      proxied: services.config.clientCertHeader !== undefined,
    }),
  );
}

/** The admin listener (sandbox CLI): never on the public listener, where a local proxy makes every peer look local. */
function adminListener(services: Services, deps: AppDeps, secret: string): FastifyInstance {
  const app = fastifyInstance(deps.logger, deps.tls?.admin, services.now);
  adminRoutes(app, {
    secret,
    registry: services.registry,
    revocations: services.sandboxRevocations,
    onRevoked: () => services.revocation.forget(),
    now: services.now,
  });
  return app;
}

/** The mTLS listener: every route behind the TPP's QWAC. */
function mtlsListener(services: Services, deps: AppDeps): FastifyInstance {
  const app = fastifyInstance(deps.logger, deps.tls?.mtls, services.now);
  const { config } = services;
  reachEstablishments(app, services);
  app.decorateRequest('tpp', undefined);
  app.decorateRequest('accessToken', undefined);
  const audit = installAuditTrail(app, services.audit);
  app.decorate('flushAudit', audit.flush);
  app.addHook('preValidation', rejectBadQueryOrForm);
  app.addHook(
    'onRequest',
    clientCertificateHook({
      trustStore: services.trustStore,
      header: config.clientCertHeader,
      trustedProxies: config.trustedProxies,
      now: services.now,
    }),
  );
  registerRoute(app, { ...services, onRegistered: (clientId) => services.signers.forget(clientId) });
  tokenRoute(app, { ...services, clientCredentialsRoles: config.clientCredentialsRoles });
  revokeRoute(app, services);
  stetRoutes(app, services);
  scheduleJobs(app, services);
  return app;
}

/**
 * The node's background jobs, each on its own timer from the moment the listener is ready (a failure is
 * logged and the next tick tries again): the housekeeping purge (store/housekeeping.ts), every
 * `OPENSTET_PURGE_INTERVAL_SECONDS`, and the payment scheduler (core/payments/run-scheduled-payments.ts),
 * every `OPENSTET_PAYMENT_SCHEDULER_SECONDS`. Every node runs both: they are safe to run at once.
 */
function scheduleJobs(app: FastifyInstance, services: Services): void {
  const { config } = services;
  repeatEvery(app, config.purgeIntervalSeconds, async () => {
    app.log.info({ purged: await services.purgeExpired() }, 'housekeeping: expired records deleted');
  });
  repeatEvery(app, config.paymentSchedulerSeconds, async () => {
    const seen = await services.runScheduledPayments();
    if (seen > 0) app.log.info({ paymentRequests: seen }, 'payment scheduler: requests looked at');
  });
}

type Audited = FastifyInstance & { flushAudit(): Promise<void> };

/** The composition root: wires store, trust and routes into the two listeners (DESIGN.md "Layout"). */
export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  // The first bank to open a database records whether it is a sandbox: `sandbox populate` refuses others.
  await recordBankKind(deps.store.db, bankKindOf(config), deps.now?.() ?? new Date());
  const informationKey = await bankKey(deps.store.db, 'account-information', deps.now?.() ?? new Date());
  let log: FastifyBaseLogger | undefined;
  const services = createServices(
    config,
    {
      ...deps,
      onRevocationSoftFail:
        deps.onRevocationSoftFail ??
        ((sources, organizationIdentifier) =>
          log?.warn({ sources, organizationIdentifier }, 'revocation sources failed: accepted (soft fail)')),
    },
    informationKey,
  );
  const publicApp = publicListener(services, deps);
  const mtls = mtlsListener(services, deps);
  log = mtls.log;
  const admin = deps.adminSecret ? adminListener(services, deps, deps.adminSecret) : undefined;
  return Object.freeze({
    public: publicApp,
    mtls,
    trust: services.trust,
    registry: services.registry,
    services,
    endpoints: services.endpoints,
    flushAudit: async () => {
      await Promise.all([publicApp, mtls].map((listener) => (listener as Audited).flushAudit()));
    },
    admin,
    async close() {
      await Promise.all([publicApp.close(), mtls.close(), admin?.close()]);
    },
  });
}
