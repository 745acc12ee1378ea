import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { parseAmount } from '@openstet/protocol';
import { utcDate } from '../src/core/accounts/calendar-day.ts';
import type { PaymentInstruction, PaymentRequest } from '../src/core/payments/payment-request.ts';
import { PAYMENT_RULES } from '../src/core/payments/payment-rules.ts';
import type { PaymentRequestStore } from '../src/core/ports/payment-store.ts';
import { purgeExpired } from '../src/store/housekeeping.ts';
import type { Store } from '../src/store/open-store.ts';
import { paymentRequestRepository } from '../src/store/payment-request-repository.ts';
import { stoppedClock, type TestClock } from './helpers/clock.ts';
import { ENGINES, testStore } from './helpers/stores.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CLIENT = 'PSDFR-ACPR-12345';

function instruction(fields: Partial<PaymentInstruction> = {}): PaymentInstruction {
  return {
    instructionId: 'INSTR-1',
    endToEndId: undefined,
    amount: parseAmount('50.00', 'EUR'),
    creditor: { name: 'SCI Les Tilleuls', iban: 'FR7630004008190001234560143', bicFi: undefined },
    remittance: 'Loyer mars',
    executionDate: '2026-03-02',
    standingOrder: undefined,
    status: 'waiting',
    reason: undefined,
    nextExecutionDate: '2026-03-02',
    pendingOrders: [],
    executions: 0,
    ...fields,
  };
}

/** A request as `initiatePayment` makes one, created at `at`. */
function request(at: Date, fields: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    id: randomBytes(16).toString('hex'),
    establishment: '13807',
    clientId: CLIENT,
    paymentInformationId: `PI-${randomBytes(4).toString('hex')}`,
    createdAt: at,
    instant: false,
    requestedDebtorIban: undefined,
    instructions: [instruction()],
    successUrl: 'https://merchant.example/ok',
    failureUrl: 'https://merchant.example/ko',
    exemptionRequested: false,
    status: 'received',
    reason: undefined,
    approvalDeadline: new Date(at.getTime() + PAYMENT_RULES.approvalMinutes * 60_000),
    approval: undefined,
    confirmedAt: undefined,
    modification: undefined,
    document: { paymentInformationId: 'PI', amount: '50.00', nested: [1, 'two'] },
    revision: 0,
    ...fields,
  };
}

const dayBefore = (at: Date) => new Date(at.getTime() - PAYMENT_RULES.idempotencyHours * HOUR);

async function recorded(store: PaymentRequestStore, value: PaymentRequest): Promise<PaymentRequest> {
  const outcome = await store.record(value, dayBefore(value.createdAt));
  assert.ok('recorded' in outcome, 'recorded');
  return outcome.recorded;
}

for (const engine of ENGINES) {
  describe(`payment requests are kept with one conditional update per change (${engine})`, () => {
    let store: Store;
    let clock: TestClock;
    let payments: PaymentRequestStore;
    beforeEach(async () => {
      store = await testStore(engine);
      clock = stoppedClock();
      payments = paymentRequestRepository(store.db, clock.now);
    });
    afterEach(() => store.close());

    test('a recorded request reads back exactly as written: money as bigint, dates as Date, absent fields undefined', async () => {
      const written = request(clock.now(), {
        requestedDebtorIban: 'FR7613807008043001965405158',
        instructions: [
          instruction(),
          instruction({
            instructionId: 'INSTR-2',
            endToEndId: 'E2E-2',
            amount: parseAmount('1234567890123.45', 'EUR'),
            creditor: { name: 'Sophie Dubois', iban: 'FR7613807008043001965883049', bicFi: 'CCBPFRPPNAN' },
            standingOrder: { frequency: 'monthly', endDate: '2026-12-31', executionRule: 'following' },
          }),
        ],
      });
      await recorded(payments, written);
      assert.deepStrictEqual(await payments.find('13807', written.id), written);
      assert.equal(
        await payments.find('16807', written.id),
        undefined,
        'another establishment finds nothing',
      );
      assert.equal(await payments.find('13807', 'unknown'), undefined);
    });

    test('the same paymentInformationId within 24 hours is the existing request; after 24 hours, a new one', async () => {
      const first = await recorded(payments, request(clock.now()));
      clock.advance(23 * 3600);
      const again = await payments.record(
        request(clock.now(), { paymentInformationId: first.paymentInformationId }),
        dayBefore(clock.now()),
      );
      assert.ok('existing' in again);
      assert.equal(again.existing.id, first.id);
      // Another establishment (another bank) or another initiator: its own reference.
      await recorded(
        payments,
        request(clock.now(), { paymentInformationId: first.paymentInformationId, establishment: '16807' }),
      );
      await recorded(
        payments,
        request(clock.now(), {
          paymentInformationId: first.paymentInformationId,
          clientId: 'PSDFR-ACPR-99999',
        }),
      );
      clock.advance(3600);
      const later = await recorded(
        payments,
        request(clock.now(), { paymentInformationId: first.paymentInformationId }),
      );
      assert.notEqual(later.id, first.id);
      const third = await payments.record(
        request(clock.now(), { paymentInformationId: first.paymentInformationId }),
        dayBefore(clock.now()),
      );
      assert.ok('existing' in third);
      assert.equal(third.existing.id, later.id, 'the reference now names the later request');
      assert.equal((await payments.find('13807', first.id))?.id, first.id, 'the first stays readable');
    });

    test('two posts racing with one paymentInformationId create one request', async () => {
      const paymentInformationId = 'PI-RACE';
      const racing = Array.from({ length: 4 }, () => request(clock.now(), { paymentInformationId }));
      const outcomes = await Promise.all(
        racing.map((each) => payments.record(each, dayBefore(each.createdAt))),
      );
      const created = outcomes.flatMap((outcome) => ('recorded' in outcome ? [outcome.recorded.id] : []));
      assert.equal(created.length, 1);
      for (const outcome of outcomes)
        if ('existing' in outcome) assert.equal(outcome.existing.id, created[0]);
      const rows = await store.db
        .selectFrom('paymentRequests')
        .select('id')
        .where('paymentInformationId', '=', paymentInformationId)
        .execute();
      assert.deepEqual(
        rows.map((row) => row.id),
        created,
        'no request row is left behind by the posts that lost',
      );
    });

    test('a change applies to the revision read only: a stale one gets undefined; undefined fields are cleared', async () => {
      const first = await recorded(payments, request(clock.now()));
      const modification = {
        cancel: ['INSTR-1'],
        requestedAt: clock.now(),
        approvedAt: undefined,
        approvalDeadline: new Date(clock.now().getTime() + 900_000),
      };
      const changed = await payments.change(first, {
        status: 'accepted',
        confirmedAt: clock.now(),
        modification,
      });
      assert.equal(changed?.revision, 1);
      assert.equal(changed?.status, 'accepted');
      assert.deepStrictEqual(changed?.modification, modification);
      assert.equal(await payments.change(first, { status: 'rejected' }), undefined, 'revision 0 is stale');
      const cleared = await payments.change(changed as PaymentRequest, {
        modification: undefined,
        reason: undefined,
      });
      assert.equal(cleared?.modification, undefined);
      assert.equal(cleared?.status, 'accepted', 'what the change does not name stays');
      assert.deepStrictEqual(await payments.find('13807', first.id), cleared);
    });

    test('two changes racing from the same revision: exactly one wins', async () => {
      const first = await recorded(payments, request(clock.now(), { status: 'approved' }));
      const outcomes = await Promise.all([
        payments.change(first, { status: 'accepted', confirmedAt: clock.now() }),
        payments.change(first, { status: 'accepted', confirmedAt: clock.now() }),
        payments.change(first, { status: 'rejected', reason: 'cancelled' }),
      ]);
      const winners = outcomes.filter((outcome) => outcome !== undefined);
      assert.equal(winners.length, 1);
      assert.equal((await payments.find('13807', first.id))?.revision, 1);
    });

    test('the scheduler is given what is due (deadline passed, execution today, debit pending) and nothing else', async () => {
      const now = clock.now();
      const today = utcDate(now);
      const tomorrow = utcDate(new Date(now.getTime() + DAY));
      const accepted = (nextExecutionDate: string | undefined, pendingOrders: string[] = []) =>
        request(now, {
          status: 'accepted',
          instructions: [instruction({ status: 'accepted', nextExecutionDate, pendingOrders })],
        });
      const due = {
        unanswered: request(new Date(now.getTime() - 16 * 60_000)),
        executionToday: accepted(today),
        executionOverdue: accepted('2020-01-01'),
        debitPending: accepted(undefined, ['order-1']),
      };
      const notDue = {
        waitingForThePsu: request(now),
        executionTomorrow: accepted(tomorrow),
        approved: request(now, { status: 'approved' }),
        settled: request(now, {
          status: 'settled',
          instructions: [instruction({ status: 'settled', nextExecutionDate: undefined })],
        }),
        rejected: request(new Date(now.getTime() - 16 * 60_000), { status: 'rejected', reason: 'no-answer' }),
      };
      for (const each of [...Object.values(due), ...Object.values(notDue)]) await recorded(payments, each);
      const picked = await payments.dueForScheduler(today, now, 100);
      const expected = Object.values(due).map(({ establishment, id }) => ({ establishment, id }));
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual([...picked].sort(byId), expected.sort(byId));
      assert.equal((await payments.dueForScheduler(today, now, 2)).length, 2, 'at most the limit');
      // Tomorrow's execution once it is tomorrow; a change recomputes the day (settled: never again).
      const next = await payments.dueForScheduler(tomorrow, new Date(now.getTime() + DAY), 100);
      assert.ok(next.some(({ id }) => id === notDue.executionTomorrow.id));
      await payments.change(due.executionToday, {
        status: 'settled',
        instructions: [instruction({ status: 'settled', nextExecutionDate: undefined })],
      });
      const after = await payments.dueForScheduler(today, now, 100);
      assert.ok(!after.some(({ id }) => id === due.executionToday.id));
    });

    test('housekeeping deletes requests past keptDays (not a running standing order) and references past 24 h and a day', async () => {
      const old = new Date(clock.now().getTime() - (PAYMENT_RULES.keptDays + 1) * DAY);
      const gone = await recorded(payments, request(old, { status: 'settled' }));
      const running = await recorded(payments, request(old, { status: 'accepted' }));
      const kept = await recorded(
        payments,
        request(new Date(clock.now().getTime() - 30 * DAY), { status: 'settled' }),
      );
      const yesterday = await recorded(payments, request(new Date(clock.now().getTime() - 47 * HOUR)));
      const report = await purgeExpired(store.db, clock.now());
      assert.equal(report.paymentRequests, 1);
      // The old requests' and the 30-day-old one's keys went; yesterday's stays within its day of grace.
      assert.equal(report.paymentReferences, 3);
      assert.equal(await payments.find('13807', gone.id), undefined);
      for (const each of [running, kept, yesterday]) assert.ok(await payments.find('13807', each.id));
      const keys = await store.db.selectFrom('paymentReferences').select('requestId').execute();
      assert.deepEqual(
        keys.map((key) => key.requestId),
        [yesterday.id],
      );
    });
  });
}
