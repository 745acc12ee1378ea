import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer, type ServerOptions } from 'node:https';
import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerFactory, type FastifyServerOptions } from 'fastify';
import { OneLinePerRequest } from './logger.ts';
import { installNotFound } from './not-found.ts';
import { installRawJsonParser } from './raw-body.ts';
import { installErrorRenderer } from './render-error.ts';
import { requestIdHook } from './request-id.ts';
import { securityHeaders } from './security-headers.ts';

/** The STET API, where X-Request-ID is required; not its published OpenAPI documents. */
const STET_API = /^\/stet\/(?!psd2\/[^/]+\/openapi\.json$)/;
const BODY_LIMIT = 256 * 1024;
/** Long keep-alive: card issuers reuse one TLS session for many funds checks (DESIGN.md "The hot path"). */
const KEEP_ALIVE_MS = 72_000;
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The bank's clock (injected in tests): ErrorModel timestamps, audit times. */
    now: () => Date;
  }
}

/**
 * One listener's Fastify instance with what every route shares: request ids, ErrorModel rendering,
 * 404/405, raw JSON bodies (for the Digest), form bodies (token endpoint, PSU pages), security headers.
 */
export function fastifyInstance(
  logger: FastifyServerOptions['logger'],
  tls: ServerOptions | undefined,
  now: () => Date,
): FastifyInstance {
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
    logger: logger ?? false,
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    keepAliveTimeout: KEEP_ALIVE_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    // No implicit HEAD routes: a HEAD /authorize must not open a customer session.
    exposeHeadRoutes: false,
    forceCloseConnections: 'idle',
    ...(tls ? { serverFactory } : {}),
  });
  app.decorate('now', now);
  installErrorRenderer(app);
  installNotFound(app);
  installRawJsonParser(app, BODY_LIMIT);
  app.register(formBody, { bodyLimit: 16 * 1024 });
  app.addHook(
    'onRequest',
    requestIdHook((path) => STET_API.test(path)),
  );
  app.addHook('onSend', securityHeaders);
  return app;
}
