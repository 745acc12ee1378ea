import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { formatAmount, parseAmount } from '@openstet/protocol';
import { SANDBOX_PERSONAS } from '../src/bank/sandbox/personas.ts';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { SANDBOX_BOOKING_SECONDS } from '../src/bank/sandbox/sandbox-payments.ts';
import { addDays, dayNumber, utcDate } from '../src/core/accounts/calendar-day.ts';
import type { AccountEntry, EntryPageQuery } from '../src/core/ports/account-information.ts';
import type { CoreBanking } from '../src/core/ports/core-banking.ts';
import type { PaymentOrder } from '../src/core/ports/payment-execution.ts';
import type { Store } from '../src/store/open-store.ts';
import { sandboxLedgerRepository } from '../src/store/sandbox-ledger-repository.ts';
import { sandboxPaymentOverlayRepository } from '../src/store/sandbox-payment-overlay-repository.ts';
import { stoppedClock, type TestClock } from './helpers/clock.ts';
import { MARC } from './helpers/journey.ts';
import { ENGINES, testStore } from './helpers/stores.ts';

/** Marc's first account: 4 348.95 booked, 169.95 of card payments pending, so 4 179.00 "solde minute". */
const MARC_MAIN = MARC.accounts[0] as string;
/** Marc's second account: 459.00 "solde minute", no overdraft. */
const MARC_SMALL = MARC.accounts[1] as string;
/** A populated ledger account (not a persona's), written below. */
const POPULATED = 'FR7613807000010000000000185';

let orders = 0;
function order(fields: Partial<PaymentOrder> = {}): PaymentOrder {
  orders += 1;
  return {
    orderId: `request-${orders}.0.0`,
    establishment: '13807',
    debtorIban: MARC_MAIN,
    amount: parseAmount('50.00', 'EUR'),
    creditorName: 'SCI Les Tilleuls',
    creditorIban: 'FR7630004008190001234560143',
    label: 'VIR SEPA SCI Les Tilleuls Loyer',
    instant: false,
    executionDate: '2026-03-02',
    ...fields,
  };
}

async function position(bank: CoreBanking, iban = MARC_MAIN) {
  const facts = await bank.fundsCheck('13807', 'psu-marc', iban);
  const funds = facts.account?.position;
  const balances = await bank.balances(iban);
  // The funds check and the AISP balances read the same money.
  assert.deepEqual(balances, funds);
  return {
    accounting: formatAmount(funds?.accountingBalance ?? parseAmount('0', 'EUR')),
    instant: formatAmount(funds?.instantBalance ?? parseAmount('0', 'EUR')),
  };
}

function firstPage(iban: string, today: string, fields: Partial<EntryPageQuery> = {}): EntryPageQuery {
  return {
    iban,
    from: addDays(today, -89),
    to: undefined,
    lowestReference: undefined,
    highestReference: Number.MAX_SAFE_INTEGER,
    towards: 'older',
    after: undefined,
    limit: 51,
    ...fields,
  };
}

const paid = (entries: readonly AccountEntry[]) =>
  entries.filter((entry) => entry.kind === 'credit-transfer' && entry.label.startsWith('VIR SEPA SCI'));

for (const engine of ENGINES) {
  describe(`the sandbox books execute payments: funds check, balances and entries see them (${engine})`, () => {
    let store: Store;
    let clock: TestClock;
    let bank: CoreBanking;
    beforeEach(async () => {
      store = await testStore(engine);
      clock = stoppedClock();
      bank = sandboxCoreBanking(
        SANDBOX_PERSONAS,
        sandboxLedgerRepository(store.db, clock.now),
        clock.now,
        sandboxPaymentOverlayRepository(store.db),
      );
    });
    afterEach(() => store.close());

    test('Marc pays 50 EUR: pending at once (instant balance), booked 60 s later (accounting balance)', async () => {
      assert.deepEqual(await position(bank), { accounting: '4348.95', instant: '4179.00' });
      const payment = order();
      assert.deepEqual(await bank.executePayment(payment), { state: 'pending' });
      assert.deepEqual(await position(bank), { accounting: '4348.95', instant: '4129.00' });
      const today = utcDate(clock.now());
      const [pending] = paid((await bank.entries(firstPage(MARC_MAIN, today))).entries);
      assert.deepEqual(pending, {
        entryReference: dayNumber(today) * 1000 + 500,
        status: 'pending',
        entryDate: today,
        valueDate: undefined,
        transactionDate: today,
        amount: parseAmount('50.00', 'EUR'),
        direction: 'debit',
        kind: 'credit-transfer',
        label: 'VIR SEPA SCI Les Tilleuls Loyer',
      });
      clock.advance(SANDBOX_BOOKING_SECONDS - 1);
      assert.deepEqual(await bank.orderState(payment.orderId), { state: 'pending' });
      clock.advance(1);
      assert.deepEqual(await bank.orderState(payment.orderId), { state: 'booked' });
      assert.deepEqual(await position(bank), { accounting: '4298.95', instant: '4129.00' });
      const [booked] = paid((await bank.entries(firstPage(MARC_MAIN, today))).entries);
      assert.equal(booked?.status, 'booked');
      assert.equal(booked?.valueDate, utcDate(clock.now()));
      assert.equal(booked?.entryReference, pending?.entryReference, 'booking keeps the reference (ADR 0006)');
      assert.deepEqual(await bank.orderState('unknown.0.0'), undefined);
    });

    test('the same order sent twice debits once, and answers what the first did', async () => {
      const payment = order();
      assert.deepEqual(await bank.executePayment(payment), { state: 'pending' });
      assert.deepEqual(await bank.executePayment(payment), { state: 'pending' });
      const racing = order();
      assert.deepEqual(await Promise.all([bank.executePayment(racing), bank.executePayment(racing)]), [
        { state: 'pending' },
        { state: 'pending' },
      ]);
      assert.deepEqual(await position(bank), { accounting: '4348.95', instant: '4079.00' });
      const today = utcDate(clock.now());
      assert.equal(paid((await bank.entries(firstPage(MARC_MAIN, today))).entries).length, 2);
    });

    test('two orders racing on an account that covers one: one is debited, the other is insufficient-funds', async () => {
      const outcomes = await Promise.all([
        bank.executePayment(order({ debtorIban: MARC_SMALL, amount: parseAmount('300.00', 'EUR') })),
        bank.executePayment(order({ debtorIban: MARC_SMALL, amount: parseAmount('300.00', 'EUR') })),
      ]);
      assert.deepEqual(
        outcomes.map((outcome) => JSON.stringify(outcome)).sort(),
        [
          JSON.stringify({ state: 'pending' }),
          JSON.stringify({ state: 'rejected', reason: 'insufficient-funds' }),
        ].sort(),
      );
      assert.deepEqual(await position(bank, MARC_SMALL), { accounting: '459.56', instant: '159.00' });
      // Exactly the rest can still go: instant balance + overdraft (0) ≥ amount.
      assert.deepEqual(
        await bank.executePayment(order({ debtorIban: MARC_SMALL, amount: parseAmount('159.00', 'EUR') })),
        { state: 'pending' },
      );
      assert.deepEqual(
        await bank.executePayment(order({ debtorIban: MARC_SMALL, amount: parseAmount('0.01', 'EUR') })),
        { state: 'rejected', reason: 'insufficient-funds' },
      );
    });

    test('a pending order is taken back: the money returns and the entry goes; a booked one stays', async () => {
      const payment = order();
      await bank.executePayment(payment);
      assert.equal(await bank.cancelOrder(payment.orderId), true);
      assert.deepEqual(await position(bank), { accounting: '4348.95', instant: '4179.00' });
      const today = utcDate(clock.now());
      assert.deepEqual(paid((await bank.entries(firstPage(MARC_MAIN, today))).entries), []);
      assert.equal(await bank.cancelOrder(payment.orderId), false, 'cancelled already');
      assert.equal(await bank.cancelOrder('unknown.0.0'), false);
      // Once the clearing's minute has passed, it is booked, whether or not the books were asked yet.
      const late = order();
      await bank.executePayment(late);
      clock.advance(SANDBOX_BOOKING_SECONDS);
      assert.equal(await bank.cancelOrder(late.orderId), false);
      assert.deepEqual(await bank.orderState(late.orderId), { state: 'booked' });
      const instant = order({ instant: true });
      await bank.executePayment(instant);
      assert.equal(await bank.cancelOrder(instant.orderId), false, 'an instant payment is booked at once');
    });

    test('an instant payment is booked at once: the accounting balance moves at confirmation', async () => {
      const payment = order({ instant: true, amount: parseAmount('100.00', 'EUR') });
      assert.deepEqual(await bank.executePayment(payment), { state: 'booked' });
      assert.deepEqual(await position(bank), { accounting: '4248.95', instant: '4079.00' });
      assert.deepEqual(await bank.orderState(payment.orderId), { state: 'booked' });
    });

    test('closed, blocked, unknown, another establishment’s or another currency’s account: account-unavailable', async () => {
      const unavailable = { state: 'rejected', reason: 'account-unavailable' };
      const closed = SANDBOX_PERSONAS.flatMap((persona) => persona.accounts).find(
        (each) => each.status === 'closed',
      );
      const blocked = SANDBOX_PERSONAS.flatMap((persona) => persona.accounts).find(
        (each) => each.status === 'blocked',
      );
      for (const iban of [closed?.iban, blocked?.iban, 'FR7613807000010000000099999'])
        assert.deepEqual(await bank.executePayment(order({ debtorIban: iban as string })), unavailable, iban);
      assert.deepEqual(await bank.executePayment(order({ establishment: '16807' })), unavailable);
      assert.deepEqual(
        await bank.executePayment(order({ amount: parseAmount('50.00', 'USD') })),
        unavailable,
      );
      assert.deepEqual(await position(bank), { accounting: '4348.95', instant: '4179.00' });
    });

    test('a paging walk sees the payment once, above every generated entry of its day; a later one is above the walk', async () => {
      await bank.executePayment(order());
      const today = utcDate(clock.now());
      const first = await bank.entries(firstPage(MARC_MAIN, today));
      const boundary = first.lastReference;
      const walked: AccountEntry[] = [...first.entries];
      for (let page = first; page.entries.length === 51; ) {
        const last = page.entries.at(-1) as AccountEntry;
        page = await bank.entries(firstPage(MARC_MAIN, today, { highestReference: boundary, after: last }));
        walked.push(...page.entries);
      }
      const payments = paid(walked);
      assert.equal(payments.length, 1);
      const [payment] = payments as [AccountEntry];
      assert.equal(boundary, payment.entryReference, 'the payment is the newest entry of the account');
      for (const entry of walked.filter((each) => each.entryDate === today && each !== payment))
        assert.ok(entry.entryReference < payment.entryReference, `${entry.entryReference}`);
      walked.forEach((entry, index) => {
        const before = walked[index - 1];
        if (before)
          assert.ok(before.entryDate > entry.entryDate || before.entryReference > entry.entryReference);
      });
      assert.equal(new Set(walked.map((entry) => entry.entryReference)).size, walked.length, 'no duplicate');
      // Recorded during the walk: above its boundary, so the walk never sees it (ADR 0006).
      await bank.executePayment(order());
      const again = await bank.entries(firstPage(MARC_MAIN, today));
      assert.equal(again.lastReference, boundary + 1);
      const within = await bank.entries(firstPage(MARC_MAIN, today, { highestReference: boundary }));
      assert.equal(paid(within.entries).length, 1);
      // Walking towards newer from the oldest entry ends on the same newest entries.
      const newer = await bank.entries(
        firstPage(MARC_MAIN, today, { towards: 'newer', after: { entryDate: today, entryReference: 0 } }),
      );
      assert.equal(newer.entries[0]?.entryReference, boundary + 1);
    });

    test('Iris’s account never answers a payment either: only a timeout ends the call', async () => {
      const iris = SANDBOX_PERSONAS.find((persona) =>
        persona.accounts.some((each) => each.positionNeverAnswers),
      );
      const iban = iris?.accounts.find((each) => each.positionNeverAnswers)?.iban as string;
      const answer = await Promise.race([
        bank.executePayment(order({ debtorIban: iban })),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 50)),
      ]);
      assert.equal(answer, 'no answer');
    });

    test('a populated ledger account pays in its own tables: pending, booked after 60 s, cancelled, each once', async () => {
      await populatedAccount(store, '100.00');
      const ledgerOrder = (amount: string) =>
        order({ debtorIban: POPULATED, amount: parseAmount(amount, 'EUR') });
      const balances = async () => {
        const position = await bank.balances(POPULATED);
        return [position?.accountingBalance, position?.instantBalance].map(
          (money) => money && formatAmount(money),
        );
      };
      const payment = ledgerOrder('60.00');
      assert.deepEqual(await Promise.all([bank.executePayment(payment), bank.executePayment(payment)]), [
        { state: 'pending' },
        { state: 'pending' },
      ]);
      assert.deepEqual(await balances(), ['100.00', '40.00']);
      assert.deepEqual(await bank.executePayment(ledgerOrder('40.01')), {
        state: 'rejected',
        reason: 'insufficient-funds',
      });
      const facts = await bank.fundsCheck('13807', 'psu-populated-1', POPULATED);
      assert.equal(facts.account && formatAmount(facts.account.position.instantBalance), '40.00');
      const today = utcDate(clock.now());
      const page = await bank.entries(firstPage(POPULATED, today));
      assert.deepEqual(
        page.entries.map((entry) => [
          entry.entryReference,
          entry.status,
          formatAmount(entry.amount),
          entry.direction,
        ]),
        [[1, 'pending', '60.00', 'debit']],
      );
      assert.equal(page.lastReference, 1);
      const taken = ledgerOrder('10.00');
      await bank.executePayment(taken);
      assert.equal(await bank.cancelOrder(taken.orderId), true);
      assert.equal(await bank.cancelOrder(taken.orderId), false);
      assert.deepEqual(await balances(), ['100.00', '40.00']);
      clock.advance(SANDBOX_BOOKING_SECONDS);
      assert.deepEqual(
        await Promise.all([bank.orderState(payment.orderId), bank.orderState(payment.orderId)]),
        [{ state: 'booked' }, { state: 'booked' }],
      );
      assert.deepEqual(await balances(), ['40.00', '40.00']);
      const instant = ledgerOrder('40.00');
      assert.deepEqual(await bank.executePayment({ ...instant, instant: true }), { state: 'booked' });
      assert.deepEqual(await balances(), ['0.00', '0.00']);
      const entries = (await bank.entries(firstPage(POPULATED, today))).entries;
      assert.deepEqual(
        entries.map((entry) => [entry.entryReference, entry.status]),
        [
          [3, 'booked'],
          [1, 'booked'],
        ],
      );
    });
  });
}

/** One customer of a population at 13807 with one open account of `balance` EUR and no overdraft. */
async function populatedAccount(store: Store, balance: string): Promise<void> {
  const { db } = store;
  await db
    .insertInto('sandboxPopulations')
    .values({
      id: 'population-1',
      establishment: '13807',
      customers: 1,
      accountsPerCustomer: 1,
      branch: '00001',
      accountPrefix: '000',
      clientId: null,
      createdAt: new Date(),
    })
    .execute();
  await db
    .insertInto('sandboxCustomers')
    .values({
      psuId: 'psu-populated-1',
      establishment: '13807',
      onlineBankingId: 'P000001',
      firstName: 'Paul',
      lastName: 'Populated',
      segment: 'Particulier',
      subscription: 'active',
      populationId: 'population-1',
      ordinal: 1,
    })
    .execute();
  await db
    .insertInto('sandboxAccounts')
    .values({
      iban: POPULATED,
      psuId: 'psu-populated-1',
      accountNumber: '001-CPT000001',
      name: 'Compte à vue',
      currency: 'EUR',
      status: 'open',
      accountingBalance: parseAmount(balance, 'EUR').minorUnits,
      pendingCardDebits: 0n,
      authorisedOverdraft: 0n,
    })
    .execute();
}
