import type { Kysely } from 'kysely';
import type { AuditStore } from '../core/ports/audit-store.ts';
import type { Database } from './schema.ts';

export function auditRepository(db: Kysely<Database>): AuditStore {
  return {
    async append(events) {
      if (events.length === 0) return;
      await db
        .insertInto('audit_events')
        .values(
          events.map((event) => ({
            at: event.at,
            request_id: event.requestId,
            client_id: event.clientId ?? null,
            psu_id: event.psuId ?? null,
            method: event.method,
            path: event.path,
            status: event.status,
            error: event.error ?? null,
            latency_ms: event.latencyMs,
          })),
        )
        .execute();
    },
    async recent(limit) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        at: row.at,
        requestId: row.request_id,
        clientId: row.client_id ?? undefined,
        psuId: row.psu_id ?? undefined,
        method: row.method,
        path: row.path,
        status: row.status,
        error: row.error ?? undefined,
        latencyMs: row.latency_ms,
      }));
    },
  };
}
