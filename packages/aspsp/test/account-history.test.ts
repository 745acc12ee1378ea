import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAmount, isValidIban } from '@openstet/protocol';
import { accountHistory } from '../src/bank/sandbox/account-history.ts';
import { entryPage } from '../src/bank/sandbox/entry-page.ts';
import { establishmentCustomers } from '../src/bank/sandbox/establishment-customers.ts';
import { SANDBOX_PERSONAS, type SandboxAccount, type SandboxPersona } from '../src/bank/sandbox/personas.ts';
import { SEED_ESTABLISHMENTS } from '../src/bank/seed-establishments.ts';
import { addDays, dayNumber } from '../src/core/accounts/calendar-day.ts';
import type { AccountEntry, EntryPageQuery } from '../src/core/ports/account-information.ts';

/** The day the tests run, and fixed days on month, year and leap-day boundaries. */
const TODAYS = [
  new Date().toISOString().slice(0, 10),
  '2026-12-03',
  '2027-01-01',
  '2028-02-29',
  '2025-12-31',
];

const ACCOUNTS = SANDBOX_PERSONAS.flatMap((holder) =>
  holder.accounts.map((account) => ({ holder, account })),
);

const persona = (name: string) => SANDBOX_PERSONAS.find((found) => found.persona === name)!;
const accountOf = (iban: string) => ACCOUNTS.find((found) => found.account.iban === iban)!;

const signed = (entry: AccountEntry) => (entry.direction === 'credit' ? 1n : -1n) * entry.amount.minorUnits;
const booked = (entries: readonly AccountEntry[]) => entries.filter((entry) => entry.status === 'booked');
const pending = (entries: readonly AccountEntry[]) => entries.filter((entry) => entry.status === 'pending');

/** The last day a history books: today for an open account, 60 days before for a closed one, 30 for a blocked one. */
function lastBooked(account: SandboxAccount, today: string): string {
  return addDays(today, { open: 0, closed: -60, blocked: -30 }[account.status]);
}

/** The 13 months (`YYYY-MM`) before `today`'s. */
function monthsBefore(today: string): string[] {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return Array.from({ length: 13 }, (_, index) =>
    new Date(Date.UTC(year, month - 1 - 13 + index, 1)).toISOString().slice(0, 7),
  );
}

/** The 1st of the month 13 months before `today`'s. */
const windowStart = (today: string) => `${monthsBefore(today)[0]}-01`;

/** How far from its accounting balance an account's running balance may go: about a month of its flows. */
function plausibleSwing(holder: SandboxPersona, account: SandboxAccount): bigint {
  if (account.status === 'blocked') return 2_000_00n;
  if (holder.profile.segment === 'Entreprise') return 80_000_00n;
  if (holder.profile.segment === 'Entrepreneur') return 20_000_00n;
  return 8_000_00n;
}

describe('accountHistory: each sandbox account has 13 months of entries that end at its balances', () => {
  test('the pending entries of every persona account sum exactly to its pending card debits, none when zero', () => {
    for (const today of TODAYS)
      for (const { holder, account } of ACCOUNTS) {
        const entries = pending(accountHistory(holder, account, today));
        const sum = entries.reduce((total, entry) => total + entry.amount.minorUnits, 0n);
        assert.equal(sum, account.pendingCardDebits.minorUnits, `${account.iban} ${today}`);
        if (account.pendingCardDebits.minorUnits === 0n) assert.equal(entries.length, 0);
      }
  });

  test('walked back from the accounting balance, the booked entries of every persona account stay within a month of its flows', () => {
    for (const today of TODAYS)
      for (const { holder, account } of ACCOUNTS) {
        // The opening balance is what the booked entries leave from the accounting balance: it, and every
        // running balance after it, stays near the balance the seed gives.
        let balance = account.accountingBalance.minorUnits;
        for (const entry of booked(accountHistory(holder, account, today))) {
          balance -= signed(entry);
          const swing = balance - account.accountingBalance.minorUnits;
          const limit = plausibleSwing(holder, account);
          assert.ok(swing <= limit && swing >= -limit, `${account.iban} ${today} ${entry.entryDate}`);
        }
      }
  });

  test('the same holder, account and today give the same entries', () => {
    for (const { holder, account } of ACCOUNTS) {
      const copy = { ...holder, profile: { ...holder.profile } };
      assert.deepEqual(
        accountHistory(copy, { ...account }, '2026-12-03'),
        accountHistory(holder, account, '2026-12-03'),
      );
    }
  });

  test('a booked entry dated D is the same whatever today is, as long as D is in both windows', () => {
    for (const today of TODAYS)
      for (const later of [addDays(today, 1), addDays(today, 40)])
        for (const { holder, account } of ACCOUNTS) {
          // A closed account's closing transfer sits on its last day, which moves with today.
          const until =
            account.status === 'closed'
              ? addDays(lastBooked(account, today), -1)
              : lastBooked(account, today);
          const since = windowStart(later);
          const inBoth = (entries: readonly AccountEntry[]) =>
            booked(entries).filter((entry) => entry.entryDate >= since && entry.entryDate <= until);
          const now = inBoth(accountHistory(holder, account, today));
          assert.ok(now.length > 20, `${account.iban} ${today}`);
          assert.deepEqual(
            inBoth(accountHistory(holder, account, later)),
            now,
            `${account.iban} ${today} ${later}`,
          );
        }
  });

  test('the history spans from the 1st of the month 13 months before today up to today', () => {
    const cases = [
      ['2026-12-03', '2025-11-01'],
      ['2027-01-01', '2025-12-01'],
      ['2028-02-29', '2027-01-01'],
      ['2025-12-31', '2024-11-01'],
    ] as const;
    for (const [today, from] of cases) {
      assert.equal(windowStart(today), from);
      for (const { holder, account } of ACCOUNTS) {
        const entries = accountHistory(holder, account, today);
        const dates = booked(entries).map((entry) => entry.entryDate);
        assert.ok(
          dates.every((date) => date >= from && date <= lastBooked(account, today)),
          account.iban,
        );
        // The window's first business days already have entries (the 1st may be a Sunday); a blocked
        // account's, a few a month, by the middle of the month.
        const first = addDays(from, account.status === 'blocked' ? 15 : 4);
        assert.ok((dates.at(-1) as string) <= first, `${account.iban} ${today} ${dates.at(-1)}`);
      }
      const { holder, account } = ACCOUNTS[0]!;
      const months = new Set(
        booked(accountHistory(holder, account, today)).map((entry) => entry.entryDate.slice(0, 7)),
      );
      for (const month of monthsBefore(today)) assert.ok(months.has(month), `${today}: entries in ${month}`);
    }
  });

  test("a closed account's history stops 60 days before today with the transfer that brings it to 0.00; a blocked one's 30 days before", () => {
    const closed = accountOf('FR7613807008063031966574122');
    const blocked = accountOf('FR7613807008043001965407292');
    for (const today of TODAYS) {
      const [last] = accountHistory(closed.holder, closed.account, today);
      assert.equal(last?.entryDate, addDays(today, -60));
      assert.deepEqual(
        [last?.kind, last?.direction, last?.label],
        ['credit-transfer', 'debit', 'VIR SEPA SOLDE DE CLOTURE DU COMPTE'],
      );
      assert.equal(formatAmount(closed.account.accountingBalance), '0.00');
      const [newest] = accountHistory(blocked.holder, blocked.account, today);
      const stop = addDays(today, -30);
      // A blocked account has a few entries a month: its newest is within the month before it stopped.
      assert.ok(
        newest && newest.entryDate <= stop && newest.entryDate > addDays(stop, -31),
        `${today} ${newest?.entryDate}`,
      );
    }
  });

  test('every entry has a 1 to 140 character label, a known kind, a positive EUR amount, and booked ones their booking date as value date', () => {
    const kinds = ['card-payment', 'credit-transfer', 'direct-debit', 'cash-withdrawal', 'fee'];
    for (const today of TODAYS)
      for (const { holder, account } of ACCOUNTS)
        for (const entry of accountHistory(holder, account, today)) {
          const where = `${account.iban} ${entry.entryReference}`;
          assert.ok(
            entry.label.length >= 1 && entry.label.length <= 140 && entry.label.trim() === entry.label,
            where,
          );
          assert.ok(kinds.includes(entry.kind), where);
          assert.ok(entry.amount.minorUnits > 0n && entry.amount.currency === 'EUR', where);
          if (entry.status === 'booked') assert.equal(entry.valueDate, entry.entryDate, where);
        }
  });

  test('a card payment is booked 1 or 2 days after it was made and its label ends with that DD/MM; a withdrawal carries its date', () => {
    for (const { holder, account } of ACCOUNTS)
      for (const entry of booked(accountHistory(holder, account, '2026-12-03'))) {
        const where = `${account.iban} ${entry.entryReference}`;
        if (entry.kind === 'card-payment') {
          const made = entry.transactionDate as string;
          assert.ok([1, 2].includes(dayNumber(entry.entryDate) - dayNumber(made)), where);
          assert.match(entry.label, /^CB .+ \d\d\/\d\d$/, where);
          assert.ok(entry.label.endsWith(`${made.slice(8, 10)}/${made.slice(5, 7)}`), where);
        } else if (entry.kind === 'cash-withdrawal') {
          assert.ok(entry.transactionDate && entry.transactionDate <= entry.entryDate, where);
          assert.match(entry.label, /^RETRAIT DAB \d\d\/\d\d$/, where);
        } else assert.equal(entry.transactionDate, undefined, where);
      }
  });

  test('references are day × 1000 + a generated slot (0–499) of the entry date, unique, and strictly decreasing in the order returned', () => {
    for (const today of TODAYS)
      for (const { holder, account } of ACCOUNTS) {
        const entries = accountHistory(holder, account, today);
        entries.forEach((entry, index) => {
          assert.equal(Math.floor(entry.entryReference / 1000), dayNumber(entry.entryDate));
          // Slots 500–999 are the payments' (ADR 0007): a payment recorded today is above them all.
          assert.ok(entry.entryReference % 1000 < 500, `${account.iban} ${entry.entryReference}`);
          const before = entries[index - 1];
          if (before) assert.ok(before.entryReference > entry.entryReference, `${account.iban} ${index}`);
          if (before) assert.ok(before.entryDate >= entry.entryDate);
        });
      }
  });

  test("pending entries are card payments of today, without value date, above every booked entry: tomorrow's are above them all", () => {
    for (const today of TODAYS)
      for (const { holder, account } of ACCOUNTS) {
        const entries = accountHistory(holder, account, today);
        for (const entry of pending(entries)) {
          assert.equal(entry.kind, 'card-payment');
          assert.equal(entry.entryDate, today);
          assert.deepEqual([entry.transactionDate, entry.valueDate], [entry.entryDate, undefined]);
          assert.match(entry.label, /^CB .+ \d\d\/\d\d$/);
          for (const other of booked(entries)) assert.ok(other.entryReference < entry.entryReference);
          // A walk started today has at most this entry's reference as its boundary: tomorrow's entries,
          // pending or booked, are all above it, so the walk never sees the day change under it.
          const tomorrow = accountHistory(holder, account, addDays(today, 1));
          const newcomers = tomorrow.filter((next) => next.entryDate === addDays(today, 1));
          assert.ok(newcomers.every((next) => next.entryReference > entry.entryReference));
        }
      }
    assert.equal(
      pending(accountHistory(persona('Marc'), persona('Marc').accounts[0]!, '2026-12-03')).length > 0,
      true,
    );
  });

  test('a personal account has roughly 25 to 50 entries a month', () => {
    for (const { holder, account } of ACCOUNTS) {
      if (account.status !== 'open' || ['Entreprise', 'Entrepreneur'].includes(holder.profile.segment))
        continue;
      const perMonth = new Map<string, number>();
      for (const entry of booked(accountHistory(holder, account, '2026-12-03'))) {
        const month = entry.entryDate.slice(0, 7);
        perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      }
      perMonth.delete('2026-12');
      const average = [...perMonth.values()].reduce((sum, count) => sum + count, 0) / perMonth.size;
      assert.ok(average >= 22 && average <= 55, `${account.iban}: ${average}`);
    }
  });

  test('labels read as French statements by segment: salary, CROUS grant, pensions, URSSAF and client invoices', () => {
    const labels = (name: string, index = 0) => {
      const { holder, account } = accountOf(persona(name).accounts[index]!.iban);
      return accountHistory(holder, account, '2026-12-03').map((entry) => entry.label);
    };
    const has = (name: string, pattern: RegExp, index = 0) =>
      assert.ok(
        labels(name, index).some((label) => pattern.test(label)),
        `${name}: ${pattern}`,
      );
    has('Marc', /^VIR SEPA SALAIRE /);
    has('Marc', /^PRLV SEPA EDF/);
    has('Marc', /^COTISATION CARTE/);
    has('Marc', /^RETRAIT DAB \d\d\/\d\d$/);
    has('Thomas', /^VIR SEPA BOURSE CROUS$/);
    has('Marie', /^VIR SEPA CNAV RETRAITE$/);
    has('Marie', /^VIR SEPA DE LEFEVRE MARIE ALIMENTATION$/, 1);
    has('Tech’n Co', /^PRLV SEPA URSSAF/);
    has('Tech’n Co', /^VIR SEPA .+ FACT \d{4}-\d{3}$/);
    has('Adam', /^COMMISSION D'INTERVENTION$/, 1);
    has('Thomas', /^INTERETS DEBITEURS$/, 1);
  });

  test('today must be a YYYY-MM-DD date', () => {
    const { holder, account } = ACCOUNTS[0]!;
    for (const today of ['', '2026-13-01', '2026-02-30', '3 December 2026', '2026-12-03T10:00:00Z'])
      assert.throws(() => accountHistory(holder, account, today), TypeError, today);
  });
});

/** What a page must hold: every entry the query selects, sorted and cut the slow way. */
function expectedPage(entries: readonly AccountEntry[], query: EntryPageQuery): readonly AccountEntry[] {
  const { after } = query;
  const key = (entry: { entryDate: string; entryReference: number }) =>
    `${entry.entryDate} ${String(entry.entryReference).padStart(12, '0')}`;
  const selected = entries.filter(
    (entry) =>
      entry.entryDate >= query.from &&
      (query.to === undefined || entry.entryDate < query.to) &&
      (query.lowestReference === undefined || entry.entryReference >= query.lowestReference) &&
      entry.entryReference <= query.highestReference &&
      (after === undefined ||
        (query.towards === 'older' ? key(entry) < key(after) : key(entry) > key(after))),
  );
  return query.towards === 'older' ? selected.slice(0, query.limit) : selected.slice(-query.limit);
}

const MARC = accountHistory(persona('Marc'), persona('Marc').accounts[0]!, '2026-12-03');
const QUERY: EntryPageQuery = {
  iban: 'FR7613807008043001965405158',
  from: '2025-11-01',
  to: undefined,
  lowestReference: undefined,
  highestReference: Number.MAX_SAFE_INTEGER,
  towards: 'older',
  after: undefined,
  limit: 51,
};
const position = (entry: AccountEntry) => ({
  entryDate: entry.entryDate,
  entryReference: entry.entryReference,
});

/** Every page of a walk from one end, following `after` as openstet's cursors do. */
function walk(query: EntryPageQuery): AccountEntry[][] {
  const pages: AccountEntry[][] = [];
  let after = query.after;
  for (;;) {
    const page = entryPage(MARC, { ...query, after }).entries;
    if (page.length === 0) return pages;
    pages.push([...page]);
    const edge = query.towards === 'older' ? page.at(-1) : page[0];
    after = position(edge as AccountEntry);
  }
}

describe('entryPage: keyset pages over a history held newest first', () => {
  test('the first page is the newest entries, at most limit, with the highest reference of the account', () => {
    const page = entryPage(MARC, QUERY);
    assert.deepEqual(page.entries, MARC.slice(0, 51));
    assert.equal(page.lastReference, MARC[0]!.entryReference);
    assert.equal(entryPage(MARC, { ...QUERY, limit: 3 }).entries.length, 3);
  });

  test('pages towards older entries, each after the last one seen, cover every entry once, newest first', () => {
    const pages = walk(QUERY);
    assert.ok(pages.length > 5 && pages.slice(0, -1).every((page) => page.length === 51));
    assert.deepEqual(pages.flat(), [...MARC]);
  });

  test('pages towards newer entries, from the oldest, cover every entry once, each page newest first', () => {
    const pages = walk({ ...QUERY, towards: 'newer' });
    assert.deepEqual(pages[0], MARC.slice(-51));
    assert.deepEqual(pages.reverse().flat(), [...MARC]);
  });

  test('a newer page after an entry is the oldest entries strictly newer than it', () => {
    const pivot = MARC[200]!;
    const page = entryPage(MARC, { ...QUERY, towards: 'newer', after: position(pivot), limit: 10 }).entries;
    assert.deepEqual(page, MARC.slice(190, 200));
  });

  test('from is inclusive and to exclusive on the entry date', () => {
    const page = entryPage(MARC, { ...QUERY, from: '2026-03-02', to: '2026-03-09', limit: 500 }).entries;
    assert.ok(page.length > 0);
    assert.deepEqual(
      page,
      MARC.filter((entry) => entry.entryDate >= '2026-03-02' && entry.entryDate < '2026-03-09'),
    );
  });

  test('the lowest and highest references are inclusive bounds', () => {
    const [low, high] = [MARC[300]!.entryReference, MARC[100]!.entryReference];
    const page = entryPage(MARC, {
      ...QUERY,
      lowestReference: low,
      highestReference: high,
      limit: 500,
    }).entries;
    assert.deepEqual(page, MARC.slice(100, 301));
  });

  test('after need not be an entry: the page starts strictly past that position', () => {
    const page = entryPage(MARC, { ...QUERY, after: { entryDate: '2026-06-15', entryReference: 0 } }).entries;
    assert.ok(page[0]!.entryDate < '2026-06-15');
    assert.deepEqual(
      page,
      expectedPage(MARC, { ...QUERY, after: { entryDate: '2026-06-15', entryReference: 0 } }),
    );
  });

  test('no entry selected gives an empty page and still the last reference; an empty history gives 0', () => {
    const none = entryPage(MARC, { ...QUERY, from: '2027-01-01' });
    assert.deepEqual([none.entries, none.lastReference], [[], MARC[0]!.entryReference]);
    assert.deepEqual(entryPage(MARC, { ...QUERY, after: position(MARC.at(-1)!) }).entries, []);
    assert.deepEqual(entryPage([], QUERY), { entries: [], lastReference: 0 });
  });

  test('any query gives what filtering and sorting the whole history gives', () => {
    const dates = ['2025-10-01', '2025-11-01', '2026-02-28', '2026-06-15', '2026-12-03', '2026-12-04'];
    const references = [undefined, MARC[10]!.entryReference, MARC[250]!.entryReference];
    const afters = [undefined, position(MARC[0]!), position(MARC[123]!), position(MARC.at(-1)!)];
    for (const from of dates)
      for (const to of [undefined, ...dates])
        for (const lowestReference of references)
          for (const highestReference of [Number.MAX_SAFE_INTEGER, ...references.slice(1)] as number[])
            for (const towards of ['older', 'newer'] as const)
              for (const after of afters)
                for (const limit of [1, 51]) {
                  const query = {
                    ...QUERY,
                    from,
                    to,
                    lowestReference,
                    highestReference,
                    towards,
                    after,
                    limit,
                  };
                  assert.deepEqual(
                    entryPage(MARC, query).entries,
                    expectedPage(MARC, query),
                    JSON.stringify(query),
                  );
                }
  });
});

describe('trusted beneficiaries of the sandbox personas', () => {
  test('Marc has at least 3, Tech’n Co 2, Alix 1, every other customer none', () => {
    const counts = Object.fromEntries(
      SANDBOX_PERSONAS.map((found) => [found.persona, found.beneficiaries.length]),
    );
    assert.ok((counts.Marc ?? 0) >= 3);
    assert.deepEqual(
      { ...counts, Marc: 3 },
      { Marc: 3, Marie: 0, Thomas: 0, Alix: 1, 'Tech’n Co': 2, Adam: 0, Lea: 0, Hugo: 0, Iris: 0 },
    );
    for (const customer of establishmentCustomers(SEED_ESTABLISHMENTS))
      assert.deepEqual(customer.beneficiaries, []);
  });

  test('each has a STET identifier, a name, a valid IBAN and a BIC matching the STET pattern when known', () => {
    const all = SANDBOX_PERSONAS.flatMap((found) => found.beneficiaries);
    assert.equal(new Set(all.map((beneficiary) => beneficiary.id)).size, all.length);
    for (const { id, name, iban, bicFi } of all) {
      assert.match(id, /^BEN-[A-Z]+-\d\d$/);
      assert.match(id, /^([a-zA-Z0-9 /\-?:().,']{1,35})$/);
      assert.ok(name.length > 0 && name.length <= 70, id);
      assert.equal(isValidIban(iban), true, `${id} ${iban}`);
      if (bicFi !== undefined) assert.match(bicFi, /^[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}$/, id);
    }
    assert.ok(
      all.some((beneficiary) => beneficiary.bicFi === undefined),
      'one beneficiary has no known BIC',
    );
  });

  test('beneficiary lists are frozen', () => {
    for (const found of SANDBOX_PERSONAS) {
      assert.ok(Object.isFrozen(found.beneficiaries));
      for (const beneficiary of found.beneficiaries) assert.ok(Object.isFrozen(beneficiary));
    }
  });
});
