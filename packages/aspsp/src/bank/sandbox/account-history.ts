import { createHash } from 'node:crypto';
import type { Money } from '@openstet/protocol';
import { dateOfDay, dayNumber } from '../../core/accounts/calendar-day.ts';
import type { AccountEntry, EntryKind } from '../../core/ports/account-information.ts';
import type { AccountStatus } from '../../core/ports/core-banking.ts';
import {
  type Direction,
  type Merchant,
  type Monthly,
  type Profile,
  profileOf,
  type Range,
} from './account-history-profiles.ts';
import { GENERATED_SLOTS, generatedReference } from './entry-references.ts';
import type { SandboxAccount, SandboxPersona } from './personas.ts';

const DAY_MS = 86_400_000;

/** A number drawn for (day, stream, n): the same whatever else is drawn, so an entry never depends on today. */
type Draw = (day: number, stream: number, n?: number) => number;

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
function fmix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Draws keyed on (IBAN, day, stream): one SHA-256 of the IBAN per account, then integer mixing per draw (a
 * hash per draw would cost milliseconds for a year of history). Not a secret: the sandbox shows it all.
 */
function drawsOf(iban: string): Draw {
  const digest = createHash('sha256').update(`openstet sandbox history ${iban}`).digest();
  const [a, b] = [digest.readUInt32BE(0), digest.readUInt32BE(4)];
  return (day, stream, n = 0) =>
    fmix(fmix(fmix(a ^ day) ^ b ^ Math.imul(stream + 1, 0x9e3779b1)) ^ Math.imul(n + 1, 0x27d4eb2f));
}

/** Draws that hold for the account as a whole (its employer, its rent): keyed on no day. */
const ACCOUNT = -1;
// Streams: what a draw is for, so that draws for one purpose never move another's.
const CARDS = 1;
const WITHDRAWAL = 2;
const SWEEP = 3;
const CLOSING = 4;
const PENDING = 5;
const CARD = 10;
const OCCASIONAL = 30;
const MONTHLY = 100;

const between = (draw: number, [low, high]: Range) => low + (draw % (high - low + 1));
const pick = <T>(items: readonly T[], draw: number) => items[draw % items.length] as T;

/** What one account's history is drawn with. */
interface Context {
  readonly profile: Profile;
  readonly draw: Draw;
  /** The holder's names as labels spell them, for `{NOM}` and `{PRENOM}`. */
  readonly names: Readonly<Record<string, string>>;
  /** `YYYY-MM-DD` of a day, remembered: formatting dates is most of the work otherwise. */
  readonly date: (day: number) => string;
}

/**
 * An entry before it has a reference: its day (since 1970-01-01) and its amount in cents as integers, exact
 * far beyond any sandbox amount; it becomes `Money` (bigint) with its reference.
 */
interface Draft {
  readonly day: number;
  readonly kind: EntryKind;
  readonly direction: Direction;
  readonly cents: number;
  readonly label: string;
  readonly transactionDay: number | undefined;
}

/** "12/11": the day and month a card label carries, as on a French statement. */
const dayMonth = (context: Context, day: number) => {
  const date = context.date(day);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
};

/** 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday). */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const isBusinessDay = (day: number) => weekday(day) !== 0 && weekday(day) !== 6;

/** Day `dayOfMonth` of the month starting on `first`, moved off a weekend without leaving the month. */
function businessDay(first: number, length: number, dayOfMonth: number): number {
  const day = first + Math.min(dayOfMonth, length) - 1;
  if (weekday(day) === 6) return day - first >= 1 ? day - 1 : day + 2;
  if (weekday(day) === 0) return day - first >= 2 ? day - 2 : day + 1;
  return day;
}

/** A label's fields: the holder's names, the entry's month, an invoice number. */
function fill(context: Context, template: string, day: number, draw: number): string {
  if (!template.includes('{')) return template;
  const date = context.date(day);
  const fields: Record<string, string> = {
    ...context.names,
    MM: date.slice(5, 7),
    YYYY: date.slice(0, 4),
    FACT: `${date.slice(2, 4)}${date.slice(5, 7)}-${String(draw % 1000).padStart(3, '0')}`,
  };
  return template.replace(/\{(\w+)\}/g, (_, field: string) => fields[field] ?? '');
}

function cardDraft(context: Context, day: number, stream: number): Draft {
  const { draw } = context;
  const [name, low, high] = pick(context.profile.merchants, draw(day, stream, 1));
  const span = high - low + 1;
  // The product of two draws leans towards small amounts, as a statement's card payments do.
  const cents = low + Math.floor(((draw(day, stream, 2) % span) * (draw(day, stream, 3) % span)) / span);
  // STET's transactionDate: the payment; the bank books it one or two days later.
  const transactionDay = day - 1 - (draw(day, stream, 4) % 2);
  const label = `CB ${name} ${dayMonth(context, transactionDay)}`;
  return { day, kind: 'card-payment', direction: 'debit', cents, label, transactionDay };
}

const WITHDRAWALS = [2_000, 3_000, 4_000, 5_000, 6_000, 8_000, 10_000, 15_000, 20_000];

/** What a business day brings besides the month's set entries: card payments, a withdrawal, the odd transfer. */
function dailyDrafts(context: Context, day: number): Draft[] {
  const { profile, draw } = context;
  const drafts: Draft[] = [];
  const cards = pick(profile.cardsPerDay, draw(day, CARDS));
  for (let card = 0; card < cards; card++) drafts.push(cardDraft(context, day, CARD + card));
  if (draw(day, WITHDRAWAL) % 1000 < profile.withdrawalPerMille) {
    const transactionDay = day - (draw(day, WITHDRAWAL, 2) % 2);
    const label = `RETRAIT DAB ${dayMonth(context, transactionDay)}`;
    const cents = pick(WITHDRAWALS, draw(day, WITHDRAWAL, 1));
    drafts.push({ day, kind: 'cash-withdrawal', direction: 'debit', cents, label, transactionDay });
  }
  profile.occasional.forEach(({ perMille, kind, direction, labels, range }, index) => {
    const stream = OCCASIONAL + index;
    if (draw(day, stream) % 1000 >= perMille) return;
    const label = fill(context, pick(labels, draw(day, stream, 1)), day, draw(day, stream, 3));
    const cents = between(draw(day, stream, 2), range);
    drafts.push({ day, kind, direction, cents, label, transactionDay: undefined });
  });
  return drafts;
}

interface Month {
  readonly first: number;
  readonly length: number;
  /** 1 to 12. */
  readonly number: number;
}

/** This month's entry of `entry` (the profile's `index`th), or none in a month it skips. */
function monthlyDraft(context: Context, entry: Monthly, index: number, month: Month): Draft | undefined {
  if (entry.months && !entry.months.includes(month.number)) return undefined;
  const { draw } = context;
  const stream = MONTHLY + index;
  const day = businessDay(month.first, month.length, entry.day);
  const cents = between(draw(ACCOUNT, stream), entry.range) + (draw(day, stream) % (entry.jitter + 1));
  const label = fill(context, pick(entry.labels, draw(ACCOUNT, stream, 1)), day, draw(day, stream, 1));
  const { kind, direction } = entry;
  if (kind !== 'card-payment') return { day, kind, direction, cents, label, transactionDay: undefined };
  const transactionDay = day - 1;
  return {
    day,
    kind,
    direction,
    cents,
    label: `${label} ${dayMonth(context, transactionDay)}`,
    transactionDay,
  };
}

const signed = (draft: Draft) => (draft.direction === 'credit' ? draft.cents : -draft.cents);

/** The month's sweeps (`Sweep`): on each day, whatever makes the month's net flow so far the target drawn. */
function sweepDrafts(context: Context, month: Month, drafts: readonly Draft[]): Draft[] {
  const { sweep } = context.profile;
  const sweeps: Draft[] = [];
  sweep?.days.forEach((dayOfMonth, index) => {
    const day = businessDay(month.first, month.length, dayOfMonth);
    const whole = index === sweep.days.length - 1;
    const net = [...drafts, ...sweeps].reduce(
      (sum, draft) => sum + (whole || draft.day <= day ? signed(draft) : 0),
      0,
    );
    const amount = between(context.draw(day, SWEEP), sweep.target) - net;
    if (amount === 0) return;
    const label = fill(context, amount > 0 ? sweep.credit : sweep.debit, day, 0);
    const direction = amount > 0 ? 'credit' : 'debit';
    sweeps.push({
      day,
      kind: 'credit-transfer',
      direction,
      cents: Math.abs(amount),
      label,
      transactionDay: undefined,
    });
  });
  return sweeps;
}

/**
 * Every booked entry of the calendar month starting on `first`, by day: a function of the account and the
 * month only, never of today, so that an entry reads the same on every later day.
 */
function monthDrafts(context: Context, first: number): Draft[] {
  const start = new Date(first * DAY_MS);
  const next = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) / DAY_MS;
  const month = { first, length: next - first, number: start.getUTCMonth() + 1 };
  const drafts = context.profile.monthly.flatMap(
    (entry, index) => monthlyDraft(context, entry, index, month) ?? [],
  );
  for (let day = first; day < next; day++) if (isBusinessDay(day)) drafts.push(...dailyDrafts(context, day));
  drafts.push(...sweepDrafts(context, month, drafts));
  // Stable: within a day, entries keep the order above, which gives them their references.
  return drafts.sort((a, b) => a.day - b.day);
}

/** A closed account's history stops 60 days before today, a blocked one's 30 days before. */
const STOPPED_DAYS_AGO: Readonly<Record<AccountStatus, number>> = { open: 0, closed: 60, blocked: 30 };

/** The closing transfer: the last entry of a closed account, which brings it to its (zero) balance. */
function closingDraft(context: Context, day: number): Draft {
  const cents = between(context.draw(day, CLOSING), [50_000, 300_000]);
  const label = 'VIR SEPA SOLDE DE CLOTURE DU COMPTE';
  return { day, kind: 'credit-transfer', direction: 'debit', cents, label, transactionDay: undefined };
}

/**
 * The card payments authorised today and not yet booked: one to three, summing to `total` exactly (at least
 * a cent each). They depend on today, as pending entries do at a bank: at midnight (UTC) they give way to
 * the next day's, whose references (the next day's) are above any a walk started today has as its
 * boundary, so that no walk sees them change under it (ADR 0006).
 */
function pendingDrafts(context: Context, today: number, total: number): Draft[] {
  if (total <= 0) return [];
  const { draw } = context;
  const count = Math.min(1 + (draw(today, PENDING) % 3), total);
  const weights = Array.from({ length: count }, (_, index) => 1 + (draw(today, PENDING, 1 + index) % 100));
  const weight = weights.reduce((sum, each) => sum + each, 0);
  const amounts = weights.map((each) => 1 + Math.floor(((total - count) * each) / weight));
  amounts[0] = (amounts[0] as number) + total - amounts.reduce((sum, each) => sum + each, 0);
  return amounts.map((cents, index) => {
    const day = today;
    const [name]: Merchant = pick(context.profile.merchants, draw(today, PENDING, 20 + index));
    const label = `CB ${name} ${dayMonth(context, day)}`;
    return { day, kind: 'card-payment', direction: 'debit', cents, label, transactionDay: day };
  });
}

/** Of a day's generated slots (`entry-references.ts`), the last ones held for pending card payments. */
const PENDING_SLOTS = 10;

/** The entries of `drafts` (by day), slots numbered from 0 up if booked, from 499 down if pending. */
function entries(
  context: Context,
  drafts: readonly Draft[],
  status: AccountEntry['status'],
  currency: string,
) {
  const used = new Map<number, number>();
  return drafts.map((draft): AccountEntry => {
    const count = used.get(draft.day) ?? 0;
    used.set(draft.day, count + 1);
    if (count >= GENERATED_SLOTS - PENDING_SLOTS)
      throw new Error(`sandbox history: more than ${GENERATED_SLOTS - PENDING_SLOTS} entries on one day`);
    const date = context.date(draft.day);
    const amount: Money = Object.freeze({ currency, minorUnits: BigInt(draft.cents) });
    return Object.freeze({
      entryReference: generatedReference(
        draft.day,
        status === 'booked' ? count : GENERATED_SLOTS - 1 - count,
      ),
      status,
      entryDate: date,
      // A booked entry's value date is its booking date; a pending one has none yet.
      valueDate: status === 'booked' ? date : undefined,
      transactionDate: draft.transactionDay === undefined ? undefined : context.date(draft.transactionDay),
      amount,
      direction: draft.direction,
      kind: draft.kind,
      label: draft.label,
    });
  });
}

/** A name as a statement prints it: capitals, no accents, no apostrophes. */
const statementName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9 -]/g, ' ')
    .toUpperCase();

function contextOf(holder: SandboxPersona, account: SandboxAccount): Context {
  const dates = new Map<number, string>();
  return {
    profile: profileOf(holder, account),
    draw: drawsOf(account.iban),
    names: { NOM: statementName(holder.profile.lastName), PRENOM: statementName(holder.profile.firstName) },
    date: (day) => {
      const known = dates.get(day);
      if (known !== undefined) return known;
      const date = dateOfDay(day);
      dates.set(day, date);
      return date;
    },
  };
}

const firstOfMonth = (year: number, monthIndex: number) => Date.UTC(year, monthIndex, 1) / DAY_MS;

/**
 * The entries of a sandbox account from the 1st of the month 13 months before `today`'s (UTC, `YYYY-MM-DD`,
 * from the caller's clock) up to `today`, newest first (date, then reference, descending). The booked ones
 * lead to the account's accounting balance from the balance the history opens on, which is whatever they
 * leave; the pending card payments, of today, sum to its pending card debits (the "solde
 * minute" gap). A booked entry dated D is the same whatever `today` is (draws are keyed on the account, the
 * day and the stream): only where the history starts, hence its opening balance, moves with today. A closed
 * account's history stops 60 days before today with the transfer that empties it, a blocked one's 30 days
 * before. About a millisecond an account: nothing is cached.
 */
export function accountHistory(
  holder: SandboxPersona,
  account: SandboxAccount,
  today: string,
): readonly AccountEntry[] {
  const todayDay = dayNumber(today);
  // Read back, so that "2026-02-30" is refused rather than taken for 2 March.
  if (!Number.isInteger(todayDay) || dateOfDay(todayDay) !== today)
    throw new TypeError('accountHistory takes today as a YYYY-MM-DD date');
  const context = contextOf(holder, account);
  const last = todayDay - STOPPED_DAYS_AGO[account.status];
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const booked: Draft[] = [];
  for (let months = -13; firstOfMonth(year, month + months) <= last; months++)
    for (const draft of monthDrafts(context, firstOfMonth(year, month + months)))
      if (draft.day <= last) booked.push(draft);
  if (account.status === 'closed') booked.push(closingDraft(context, last));
  const { currency } = account.accountingBalance;
  const pending = pendingDrafts(context, todayDay, Number(account.pendingCardDebits.minorUnits));
  const all = [
    ...entries(context, booked, 'booked', currency),
    ...entries(context, pending, 'pending', currency),
  ];
  return Object.freeze(all.sort((a, b) => b.entryReference - a.entryReference));
}
