import type { Kysely } from 'kysely';
import type { AuditStore } from '../core/ports/audit-store.ts';
import { fromRow, pick } from './rows.ts';
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
    async append(events) {
      if (events.length === 0) return;
      await db
        .insertInto('auditEvents')
        .values(events.map((event) => pick(event, COLUMNS)))
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
