import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { accountResourceId } from '../src/core/accounts/account-id.ts';
import { addDays, utcDate } from '../src/core/accounts/calendar-day.ts';
import type { InformationRefusal } from '../src/core/accounts/consented-account.ts';
import type { InformationGrant } from '../src/core/accounts/information-grant.ts';
import { decodeCursor, encodeCursor, type WalkStep } from '../src/core/accounts/page-cursor.ts';
import {
  PAGE_SIZE,
  readTransactions,
  type TransactionsAsked,
  type TransactionsPage,
} from '../src/core/accounts/read-transactions.ts';
import type { Store } from '../src/store/open-store.ts';
import { recordSandboxEntry } from '../src/store/sandbox-entries.ts';
import { sandboxLedgerRepository } from '../src/store/sandbox-ledger-repository.ts';
import { unattendedReadRepository } from '../src/store/unattended-read-repository.ts';
import { testClock } from './helpers/clock.ts';
import { ENGINES, testStore } from './helpers/stores.ts';

const IBAN = 'FR7613807123450000000000197';
const OTHER_IBAN = 'FR7613807123450000000000294';
const PSU = 'psu-paging-1';
const DAYS = 120;
const PER_DAY = 2;

/** One customer with two accounts in the populated ledger, written as `sandbox populate` would. */
async function ledgerAccount(store: Store): Promise<void> {
  const { db } = store;
  await db
    .insertInto('sandboxPopulations')
    .values({
      id: '13807-paging',
      establishment: '13807',
      customers: 1,
      accountsPerCustomer: 2,
      branch: '12345',
      accountPrefix: '000',
      clientId: null,
      createdAt: new Date(),
    })
    .execute();
  await db
    .insertInto('sandboxCustomers')
    .values({
      psuId: PSU,
      establishment: '13807',
      onlineBankingId: 'PPAGING00000001',
      firstName: 'Paul',
      lastName: 'Page',
      segment: 'Cadre',
      subscription: 'active',
      populationId: '13807-paging',
      ordinal: 1,
    })
    .execute();
  for (const [iban, number] of [
    [IBAN, '001-CPT1'],
    [OTHER_IBAN, '001-CPT2'],
  ] as const)
    await db
      .insertInto('sandboxAccounts')
      .values({
        iban,
        psuId: PSU,
        accountNumber: number,
        name: 'Compte à vue',
        currency: 'EUR',
        status: 'open',
        accountingBalance: 0n,
        pendingCardDebits: 0n,
        authorisedOverdraft: 0n,
      })
      .execute();
}

/** Books one debit of `cents` on `date`. */
function book(store: Store, date: string, cents: number, iban = IBAN) {
  return recordSandboxEntry(store.db, iban, {
    status: 'booked',
    entryDate: date,
    valueDate: date,
    transactionDate: undefined,
    amount: { currency: 'EUR', minorUnits: BigInt(cents) },
    direction: 'debit',
    kind: 'card-payment',
    label: `CB PAGING ${date}`,
  });
}

const ASK_ALL: TransactionsAsked = {
  from: '2000-01-01',
  to: undefined,
  lowestReference: undefined,
  highestReference: undefined,
  page: undefined,
};

for (const engine of ENGINES) {
  describe(`Transactions are paged by keyset cursors over the ledger (ADR 0006) (${engine})`, () => {
    let store: Store;
    const clock = testClock();
    const key = randomBytes(32);
    const today = () => utcDate(clock.now());
    const accountId = accountResourceId(key, { establishment: '13807', clientId: 'PSDFR-ACPR-PAGING' }, IBAN);
    const grant = (extendedHistory = true): InformationGrant => ({
      establishment: '13807',
      psuId: PSU,
      clientId: 'PSDFR-ACPR-PAGING',
      consentId: undefined,
      accounts: [IBAN, OTHER_IBAN],
      balances: [IBAN, OTHER_IBAN],
      transactions: [IBAN, OTHER_IBAN],
      trustedBeneficiaries: false,
      psuIdentity: false,
      extendedHistory,
    });
    const read = async (asked: Partial<TransactionsAsked>, extended = true, id = accountId) => {
      const deps = {
        coreBanking: sandboxLedgerRepository(store.db),
        key,
        now: clock.now,
        unattended: unattendedReadRepository(store.db),
        attended: true,
      };
      return readTransactions(deps, grant(extended), id, { ...ASK_ALL, ...asked });
    };
    const page = async (asked: Partial<TransactionsAsked>, extended = true): Promise<TransactionsPage> => {
      const result = await read(asked, extended);
      if ('reason' in result) assert.fail(`refused: ${result.reason}`);
      return result;
    };
    /** Every page from `first`, following `next`. */
    const walk = async (asked: Partial<TransactionsAsked>, extended = true) => {
      const pages: TransactionsPage[] = [await page(asked, extended)];
      for (let next = pages[0]?.cursors.next; next !== undefined; next = pages.at(-1)?.cursors.next)
        pages.push(await page({ page: next }, extended));
      return pages;
    };
    const references = (pages: readonly TransactionsPage[]) =>
      pages.flatMap((p) => p.entries.map((entry) => entry.entryReference));

    before(async () => {
      store = await testStore(engine);
      await ledgerAccount(store);
      // Oldest first, as a bank books them: references grow with the dates.
      for (let day = DAYS - 1; day >= 0; day -= 1)
        for (let slot = 0; slot < PER_DAY; slot += 1) await book(store, addDays(today(), -day), 100 + slot);
    });
    after(() => store.close());

    test('a walk by next links sees every entry once, newest first, 50 a page; prev and last link back', async () => {
      const pages = await walk({});
      const seen = references(pages);
      assert.equal(seen.length, DAYS * PER_DAY);
      assert.equal(new Set(seen).size, seen.length, 'no entry twice');
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => b - a),
        'newest first',
      );
      assert.deepEqual(
        pages.map((p) => p.entries.length),
        [50, 50, 50, 50, 40],
      );
      assert.equal(pages[0]?.cursors.prev, undefined, 'the first page has no prev');
      const second = pages[1] as TransactionsPage;
      const back = await page({ page: second.cursors.prev as string });
      assert.deepEqual(
        references([back]),
        references([pages[0] as TransactionsPage]),
        'prev of page 2 is page 1',
      );
      const last = await page({ page: second.cursors.last });
      assert.deepEqual(references([last]), seen.slice(-PAGE_SIZE), 'last is the 50 oldest');
      assert.equal(last.cursors.next, undefined, 'nothing older than the last page');
      const self = await page({ page: second.cursors.self });
      assert.deepEqual(references([self]), references([second]), 'self reads the same page again');
    });

    test('an entry booked mid-walk is neither seen twice nor shifts a page; the next walk starts with it', async () => {
      const first = await page({});
      const second = await page({ page: first.cursors.next as string });
      // Booked today, and another dated in the past (a late booking), while the AISP pages.
      const fresh = await book(store, today(), 999);
      const late = await book(store, addDays(today(), -100), 998);
      const rest: TransactionsPage[] = [second];
      for (let next = second.cursors.next; next !== undefined; next = rest.at(-1)?.cursors.next)
        rest.push(await page({ page: next }));
      const seen = references([first, ...rest]);
      assert.equal(new Set(seen).size, seen.length, 'no duplicate');
      assert.equal(seen.length, DAYS * PER_DAY, 'no gap, and nothing booked during the walk');
      assert.ok(!seen.includes(fresh) && !seen.includes(late));
      const again = references(await walk({}));
      assert.equal(again[0], fresh, 'a new walk starts with the entry booked today');
      assert.ok(again.includes(late), 'and finds the late one at its date');
      assert.equal(again.length, DAYS * PER_DAY + 2);
    });

    test('dateFrom is inclusive and dateTo exclusive; entry reference bounds are inclusive', async () => {
      const from = addDays(today(), -10);
      const to = addDays(today(), -5);
      const window = (await walk({ from, to })).flatMap((p) => p.entries);
      assert.ok(window.length > 0);
      assert.ok(window.every((entry) => entry.entryDate >= from && entry.entryDate < to));
      assert.ok(
        window.some((entry) => entry.entryDate === from),
        'dateFrom is inclusive',
      );
      assert.equal(window.filter((entry) => entry.entryDate === from).length, PER_DAY);
      const [newest, , oldest] = window.map((entry) => entry.entryReference);
      const bounded = references(await walk({ from, to, lowestReference: oldest, highestReference: newest }));
      assert.deepEqual(
        bounded,
        window.slice(0, 3).map((entry) => entry.entryReference),
      );
      const empty = await page({ from: addDays(today(), 1) });
      assert.deepEqual(empty.entries, [], 'an empty window is an empty page, not an error');
      assert.equal(empty.cursors.next, undefined);
    });

    test('without extended_transaction_history never more than 90 days: an earlier dateFrom is clamped', async () => {
      const earliest = addDays(today(), -89);
      for (const asked of [{}, { from: addDays(today(), -400) }, { from: '1900-01-01' }]) {
        const entries = (await walk(asked, false)).flatMap((p) => p.entries);
        assert.ok(entries.length > 0);
        assert.ok(
          entries.every((entry) => entry.entryDate >= earliest),
          `${JSON.stringify(asked)}: nothing before ${earliest}`,
        );
        assert.equal(entries.at(-1)?.entryDate, earliest);
      }
      const extended = (await walk({ from: addDays(today(), -400) }, true)).flatMap((p) => p.entries);
      assert.ok((extended.at(-1)?.entryDate ?? '') < earliest, 'with the scope, the whole history');
      const defaultWindow = (await walk({ from: undefined }, true)).flatMap((p) => p.entries);
      assert.equal(defaultWindow.at(-1)?.entryDate, earliest, 'the default window is 90 days, scope or not');
    });

    test('a page href with every cursor field at its maximum stays within 140 characters, and reads back', () => {
      const largest = Number.MAX_SAFE_INTEGER - 2;
      const step: WalkStep = {
        towards: 'newer',
        after: { entryDate: '9999-12-31', entryReference: largest },
        from: '9999-12-31',
        to: '9999-12-31',
        lowestReference: largest,
        highestReference: largest + 1,
        startedMinute: Date.parse('9999-12-31T23:59:00Z') / 60_000,
      };
      const binding = { clientId: 'PSDFR-ACPR-PAGING', iban: IBAN };
      const cursor = encodeCursor(key, binding, step);
      const href = `/stet/psd2/v1.4.2/accounts/${accountId}/transactions?page=${cursor}`;
      assert.ok(href.length <= 140, `${href.length} characters`);
      assert.deepEqual(decodeCursor(key, binding, cursor), step);
      assert.throws(
        () => encodeCursor(key, binding, { ...step, highestReference: Number.MAX_SAFE_INTEGER }),
        RangeError,
      );
    });

    test('a cursor tampered with, or given for another account, is refused (bad-page)', async () => {
      const first = await page({});
      const cursor = first.cursors.next as string;
      const flipped = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
      const refusal: InformationRefusal = { reason: 'bad-page' };
      assert.deepEqual(await read({ page: flipped }), refusal);
      assert.deepEqual(await read({ page: 'not a cursor' }), refusal);
      const otherId = accountResourceId(
        key,
        { establishment: '13807', clientId: 'PSDFR-ACPR-PAGING' },
        OTHER_IBAN,
      );
      assert.deepEqual(await read({ page: cursor }, true, otherId), refusal);
      assert.ok(cursor.length <= 60, `cursor of ${cursor.length} characters`);
    });
  });
}
