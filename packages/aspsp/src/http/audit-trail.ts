import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEvent, AuditStore } from '../core/ports/audit-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The error code of the answer, kept for the audit trail. */
    auditError: string | undefined;
    /**
     * Whom the call concerns when no QWAC or access token says it: the PSU pages set them from the
     * customer's session at the bank.
     */
    auditParties: { readonly clientId?: string | undefined; readonly psuId?: string | undefined } | undefined;
  }
  interface FastifyContextConfig {
    /** `false`: the route is not an interaction worth a line in the audit trail (a style sheet). */
    audit?: boolean;
  }
}

const FLUSH_MS = 200;
const CLIENT_CLOSED = 499;
const MAX_BATCH = 500;
const MAX_PENDING = 100_000;

function errorCode(payload: unknown): string | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    const parsed = JSON.parse(payload) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The audit trail of every call on a listener (RTS Art. 29: API, token and PSU-page calls alike; never a
 * form field, header or query string): recorded after the answer and written in batches, so the hot
 * path never waits for it; flushed on close. A failed write is logged and retried at the next flush (up
 * to 100 000 events held per listener), and never fails a request. Flushes run one after the other, so
 * `flush()` resolves once everything recorded before it is stored.
 *
 * `interactionsOnly` (the public listener, open to anyone): requests that match no route, and the page
 * rate limit's 429 answers, are not recorded, so nobody can grow the trail by scanning.
 */
export function installAuditTrail(
  app: FastifyInstance,
  store: AuditStore,
  options: { readonly interactionsOnly?: boolean } = {},
): { flush(): Promise<void> } {
  let pending: AuditEvent[] = [];
  const flushOnce = async () => {
    const batch = pending;
    pending = [];
    try {
      await store.append(batch);
    } catch (error) {
      // Kept for the next flush (bounded: a long outage must not exhaust memory), and said loudly.
      pending = [...batch, ...pending].slice(-MAX_PENDING);
      app.log.error({ err: error, events: batch.length }, 'audit trail write failed: will retry');
    }
  };
  let chain = Promise.resolve();
  const flush = () => {
    chain = chain.then(flushOnce);
    return chain;
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();
  app.decorateRequest('auditError', undefined);
  app.decorateRequest('auditParties', undefined);
  app.addHook('onSend', async (request, reply, payload) => {
    // A name a route gave a refusal stands, unless the bank then failed (5xx).
    if (reply.statusCode >= 500) request.auditError = errorCode(payload) ?? 'INTERNAL_ERROR';
    else if (reply.statusCode >= 400) request.auditError ??= errorCode(payload);
    return payload;
  });
  const recorded = new WeakSet<FastifyRequest>();
  const record = async (request: FastifyRequest, reply: FastifyReply, answered: boolean) => {
    if (request.routeOptions.config?.audit === false || recorded.has(request)) return;
    recorded.add(request);
    if (options.interactionsOnly && (request.routeOptions.url === undefined || reply.statusCode === 429))
      return;
    pending.push({
      at: request.server.now(),
      requestId: String(reply.getHeader('x-request-id') ?? request.id),
      clientId: request.tpp?.organizationIdentifier ?? request.auditParties?.clientId,
      psuId: request.accessToken?.psuId ?? request.auditParties?.psuId,
      method: request.method,
      path: request.url.split('?')[0] ?? '/',
      // 499 (nginx's "client closed request"): the caller left before the answer, which it never got.
      status: answered ? reply.statusCode : CLIENT_CLOSED,
      error: answered ? request.auditError : 'CLIENT_CLOSED_REQUEST',
      latencyMs: reply.elapsedTime,
    });
    if (pending.length >= MAX_BATCH) await flush();
  };
  app.addHook('onResponse', (request, reply) => record(request, reply, true));
  // A call whose caller hung up before the answer is an interaction too (RTS Art. 29), and Fastify runs
  // no onResponse for it: its response closes without finishing.
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.once('close', () => {
      // Closed before the answer was even ended: the caller left. (Ended answers reach onResponse.)
      if (!reply.raw.writableEnded) void record(request, reply, false);
    });
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
  return { flush };
}
