import type { AccountEntry, EntryPosition } from '../ports/account-information.ts';
import type { CurrentAccount } from '../ports/core-banking.ts';
import {
  consentedAccount,
  type InformationDeps,
  type InformationRefusal,
  isRefusal,
  refusingUnavailable,
} from './consented-account.ts';
import { type AskedWindow, historyWindow } from './history-window.ts';
import type { InformationGrant } from './information-grant.ts';
import { type CursorBinding, decodeCursor, encodeCursor, type WalkStep } from './page-cursor.ts';
import { unattendedRead } from './unattended-read.ts';

/** Entries per page: the default and the maximum; STET has no page-size parameter (ADR 0006). */
export const PAGE_SIZE = 50;

/**
 * A walk's pages count as one unattended read for this long after its first page (ADR 0006): an AISP
 * pages through a history within the four daily reads, and an old cursor replayed counts again.
 */
export const WALK_MINUTES = 60;

/** A transactions read as an AISP asks it: a window and reference filters, or a page the bank linked. */
export interface TransactionsAsked extends AskedWindow {
  /** Inclusive bounds of the entry reference, when the AISP filters on it. */
  readonly lowestReference: number | undefined;
  readonly highestReference: number | undefined;
  /** A cursor of a link this bank gave; it carries its walk's window and filters. */
  readonly page: string | undefined;
}

/** Cursors of the pages around this one; `next` goes to older entries, `prev` to newer ones. */
export interface PageCursors {
  readonly self: string;
  readonly first: string;
  readonly last: string;
  readonly next: string | undefined;
  readonly prev: string | undefined;
}

export interface TransactionsPage {
  readonly account: CurrentAccount;
  /** Newest first. */
  readonly entries: readonly AccountEntry[];
  readonly cursors: PageCursors;
}

const position = (entry: AccountEntry): EntryPosition => ({
  entryDate: entry.entryDate,
  entryReference: entry.entryReference,
});

/**
 * One page of a consented account's transactions (STET "Retrieval of an account transaction set"),
 * newest first, by keyset (ADR 0006). The first page fixes the walk's boundary (the account's highest
 * entry reference at that moment), and every cursor carries it: an entry booked while an AISP pages is
 * neither seen twice nor shifts a page; the AISP sees it on its next walk. A new walk is an unattended
 * read; its pages are the same read for `WALK_MINUTES`, then count again (and restart the hour).
 */
export function readTransactions(
  deps: InformationDeps,
  grant: InformationGrant,
  accountId: string,
  asked: TransactionsAsked,
): Promise<TransactionsPage | InformationRefusal> {
  return refusingUnavailable(async () => {
    const account = await consentedAccount(deps, grant, accountId, 'transactions');
    if (isRefusal(account)) return account;
    const binding = { clientId: grant.clientId, iban: account.iban };
    const step = asked.page === undefined ? undefined : decodeCursor(deps.key, binding, asked.page);
    if (asked.page !== undefined && !step) return { reason: 'bad-page' };
    const minute = Math.floor(deps.now().getTime() / 60_000);
    const counted = !step || minute - step.startedMinute >= WALK_MINUTES;
    const walk = walkStep(deps.now(), grant, asked, step, counted ? minute : (step?.startedMinute ?? minute));
    const readPage = () => transactionsPage(deps, { account, binding, walk });
    return counted ? unattendedRead(deps, grant, account.iban, 'transactions', readPage) : readPage();
  });
}

/** The step this read takes: a new walk over the asked window, or the page a cursor names. */
function walkStep(
  now: Date,
  grant: InformationGrant,
  asked: TransactionsAsked,
  step: WalkStep | undefined,
  startedMinute: number,
): WalkStep {
  const window = historyWindow(now, step ?? asked, grant.extendedHistory);
  if (step) return { ...step, from: window.from, startedMinute };
  return {
    towards: 'older',
    after: undefined,
    ...window,
    lowestReference: asked.lowestReference,
    highestReference: asked.highestReference ?? Number.MAX_SAFE_INTEGER - 1,
    startedMinute,
  };
}

/** Reads the step's entries (one more than a page, to know whether another follows) and links around them. */
async function transactionsPage(
  deps: InformationDeps,
  { account, binding, walk }: { account: CurrentAccount; binding: CursorBinding; walk: WalkStep },
): Promise<TransactionsPage> {
  const page = await deps.coreBanking.entries({ iban: account.iban, ...walk, limit: PAGE_SIZE + 1 });
  const more = page.entries.length > PAGE_SIZE;
  const entries =
    walk.towards === 'older' ? page.entries.slice(0, PAGE_SIZE) : page.entries.slice(-PAGE_SIZE);
  const bounded = { ...walk, highestReference: Math.min(walk.highestReference, page.lastReference) };
  const cursor = (next: Partial<WalkStep>) => encodeCursor(deps.key, binding, { ...bounded, ...next });
  const newest = entries[0];
  const oldest = entries.at(-1);
  const olderExist = walk.towards === 'older' ? more : walk.after !== undefined;
  const newerExist = walk.towards === 'newer' ? more : walk.after !== undefined;
  return Object.freeze({
    account,
    entries: Object.freeze(entries),
    cursors: Object.freeze({
      self: cursor({}),
      first: cursor({ towards: 'older', after: undefined }),
      last: cursor({ towards: 'newer', after: undefined }),
      next: olderExist && oldest ? cursor({ towards: 'older', after: position(oldest) }) : undefined,
      prev: newerExist && newest ? cursor({ towards: 'newer', after: position(newest) }) : undefined,
    }),
  });
}
