import { type Kysely, sql } from 'kysely';
import { utcDate } from '../core/accounts/calendar-day.ts';
import type { PaymentRequest } from '../core/payments/payment-request.ts';
import type { PaymentRequestStore } from '../core/ports/payment-store.ts';
import { columnsOf, requestOf, rowOf } from './payment-request-rows.ts';
import { wakeOn } from './payment-wake.ts';
import type { Database } from './schema.ts';

/**
 * Payment requests in the database (migration 010), as `PaymentRequestStore` says: the idempotency key
 * claimed atomically with the request, every change ONE conditional update on the revision read (ADR
 * 0007), and `wake_on` worked out at every write for the scheduler (`payment-wake.ts`). `now` is the
 * bank's clock: the day a debit pending is written on is the scheduler's next day for it.
 */
export function paymentRequestRepository(db: Kysely<Database>, now: () => Date): PaymentRequestStore {
  const insert = (request: PaymentRequest, reusableAfter: Date) =>
    db.transaction().execute(async (trx) => {
      // One statement claims the key: a younger key holds (no row back), an older one is taken over.
      // Two posts racing: the second waits on the first's key, then finds it young (READ COMMITTED).
      const claimed = await trx
        .insertInto('paymentReferences')
        .values({
          establishment: request.establishment,
          clientId: request.clientId,
          paymentInformationId: request.paymentInformationId,
          requestId: request.id,
          createdAt: request.createdAt,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['establishment', 'clientId', 'paymentInformationId'])
            .doUpdateSet((eb) => ({
              requestId: eb.ref('excluded.requestId'),
              createdAt: eb.ref('excluded.createdAt'),
            }))
            .where('paymentReferences.createdAt', '<=', reusableAfter),
        )
        .returning('requestId')
        .executeTakeFirst();
      if (!claimed) return false;
      await trx.insertInto('paymentRequests').values(rowOf(request, now())).execute();
      return true;
    });
  return {
    async record(request, reusableAfter) {
      if (await insert(request, reusableAfter)) return { recorded: request };
      const row = await db
        .selectFrom('paymentReferences as reference')
        .innerJoin('paymentRequests as request', 'request.id', 'reference.requestId')
        .selectAll('request')
        .where('reference.establishment', '=', request.establishment)
        .where('reference.clientId', '=', request.clientId)
        .where('reference.paymentInformationId', '=', request.paymentInformationId)
        .executeTakeFirst();
      // A key younger than 24 hours always names a request (they are written together, kept 400 days).
      if (!row) throw new Error('payment reference without its request');
      return { existing: requestOf(row) };
    },
    async find(establishment, id) {
      const row = await db
        .selectFrom('paymentRequests')
        .selectAll()
        .where('id', '=', id)
        .where('establishment', '=', establishment)
        .executeTakeFirst();
      return row && requestOf(row);
    },
    async change(request, change) {
      const changed: PaymentRequest = { ...request, ...change };
      const row = await db
        .updateTable('paymentRequests')
        .set({ ...columnsOf(change), wakeOn: wakeOn(changed, now()), revision: sql`revision + 1` })
        .where('id', '=', request.id)
        .where('revision', '=', request.revision)
        .returningAll()
        .executeTakeFirst();
      return row && requestOf(row);
    },
    async dueForScheduler(today, at, limit, after) {
      // A received request's wake_on is its deadline's day: at or before today's once the deadline passed.
      const horizon = [today, utcDate(at)].sort()[1] as string;
      const rows = await db
        .selectFrom('paymentRequests')
        .select(['establishment', 'id'])
        .where('wakeOn', '<=', horizon)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'accepted'), eb('wakeOn', '<=', today)]),
            eb.and([eb('status', 'in', ['received', 'approved']), eb('approvalDeadline', '<=', at)]),
          ]),
        )
        .$if(after !== undefined, (query) => query.where('id', '>', after as string))
        .orderBy('id')
        .limit(limit)
        .execute();
      return Object.freeze(rows.map((row) => Object.freeze({ ...row })));
    },
  };
}
