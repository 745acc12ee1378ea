import { type Kysely, sql } from 'kysely';
import type { AuditStore } from '../core/ports/audit-store.ts';
import { fromRow } from './rows.ts';
import type { Database } from './schema.ts';

const COLUMNS = [
  'at',
  'requestId',
  'clientId',
  'psuId',
  'method',
  'path',
  'status',
  'error',
  'latencyMs',
] as const;

export function auditRepository(db: Kysely<Database>): AuditStore {
  return {
    // One statement whatever the batch's size: each column's values in one array parameter (`unnest`), so
    // its text never changes and Kysely builds 9 parameters, not 9 per event: about 2 µs of the event loop
    // per event instead of 10 with `values` (ADR 0003).
    async append(events) {
      if (events.length === 0) return;
      const column = <K extends (typeof COLUMNS)[number]>(name: K) =>
        events.map((event) => event[name] ?? null);
      await db
        .insertInto('auditEvents')
        .columns(COLUMNS)
        .expression(
          sql`select * from unnest(${column('at')}::timestamptz[], ${column('requestId')}::text[],
            ${column('clientId')}::text[], ${column('psuId')}::text[], ${column('method')}::text[],
            ${column('path')}::text[], ${column('status')}::integer[], ${column('error')}::text[],
            ${column('latencyMs')}::double precision[])`,
        )
        .execute();
    },
    async recent(limit) {
      const rows = await db
        .selectFrom('auditEvents')
        .select(COLUMNS)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
  };
}
