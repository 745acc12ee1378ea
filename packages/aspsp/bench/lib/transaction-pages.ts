/**
 * The AISP's side of the transactions bench: its signed reads (attended: `PSU-IP-Address`, so never within
 * the 4-a-day quota of RTS Art. 36(5)(b)), and the two pages it measures, found as an AISP finds them
 * (`GET /accounts` links the account's transactions, each page links the next), each checked to be a full
 * page and paired with the query the bank runs for it, so that its plan can be explained.
 */

import { addDays } from '../../src/core/accounts/calendar-day.ts';
import { historyWindow } from '../../src/core/accounts/history-window.ts';
import { PAGE_SIZE } from '../../src/core/accounts/read-transactions.ts';
import type { EntryPageQuery } from '../../src/core/ports/account-information.ts';
import type { PooledRequest } from './load.ts';
import type { LongHistory } from './long-history.ts';
import { expectStatus, get, signedPool } from './tpp.ts';
import type { TppFiles } from './tpp-files.ts';

export const VERSION_PATH = '/stet/psd2/v1.4.2';
/** An address from RFC 5737's documentation range: the PSU is present, the read is attended. */
const PSU_IP_ADDRESS = '192.0.2.10';

/** What the AISP reads with: the bank's mTLS URL, the TPP's certificates, the account and its token. */
export interface AispSession {
  readonly mtlsUrl: string;
  readonly tpp: TppFiles;
  readonly history: LongHistory;
}

/** One transactions page as the bench reads it: its href, what it showed, and the bank's query for it. */
export interface Page {
  readonly name: string;
  readonly path: string;
  readonly description: string;
  /** Its entry references, newest first, as the bank answered. */
  readonly references: readonly number[];
  /** The query the bank runs for it (`CoreBanking.entries`), derived from what the bank answered. */
  readonly query: EntryPageQuery;
}

/** `count` distinct signed reads of `path` (path and query, as linked), with the account's token. */
export function signReads(session: AispSession, path: string, count: number): Promise<PooledRequest[]> {
  process.stderr.write(`signing ${count} distinct transactions reads (the TPP's work)\n`);
  const extra = { authorization: `Bearer ${session.history.accessToken}`, 'psu-ip-address': PSU_IP_ADDRESS };
  return signedPool(session.tpp.qseal, path, count, () => ({ body: '', extra }), 'GET');
}

interface TransactionsBody {
  readonly transactions: readonly {
    readonly entryReference: string;
    readonly bookingDate?: string;
    readonly transactionDate?: string;
  }[];
  readonly _links: { readonly next?: { readonly href: string } };
}

interface AccountsBody {
  readonly accounts: readonly {
    readonly accountId?: { readonly iban?: string };
    readonly _links?: { readonly transactions?: { readonly href: string } };
  }[];
}

/** GETs `path` (path and query, as linked) once, as the AISP; expects 200. */
async function aispGet(session: AispSession, path: string) {
  const [request] = await signReads(session, path, 1);
  const url = `${session.mtlsUrl}${path}`;
  return expectStatus(`GET ${path}`, get(url, request?.headers ?? {}, session.tpp.tls), 200);
}

/** GETs a transactions page and checks it is a full one. */
async function readPage(session: AispSession, path: string): Promise<TransactionsBody> {
  const reply = await aispGet(session, path);
  const body = JSON.parse(reply.body) as TransactionsBody;
  if (body.transactions.length !== PAGE_SIZE)
    throw new Error(`GET ${path}: ${body.transactions.length} entries, expected ${PAGE_SIZE}`);
  if (reply.headers.signature !== undefined) console.log(`note: ${path} came back sealed (Signature)`);
  return body;
}

/** The account's transactions href, as `GET /accounts` links it: how an AISP learns its resource id. */
async function transactionsHref(session: AispSession): Promise<string> {
  const body = JSON.parse((await aispGet(session, `${VERSION_PATH}/accounts`)).body) as AccountsBody;
  const account = body.accounts.find((listed) => listed.accountId?.iban === session.history.iban);
  const href = account?._links?.transactions?.href;
  if (!href) throw new Error(`GET /accounts: no transactions link for ${session.history.iban}`);
  return href;
}

const referencesOf = (body: TransactionsBody) =>
  body.transactions.map((entry) => Number(entry.entryReference));

function describe(body: TransactionsBody, entries: number): string {
  const references = referencesOf(body);
  const dates = body.transactions.map((entry) => entry.bookingDate ?? entry.transactionDate ?? '?');
  const newest = Math.max(...references);
  return `${body.transactions.length} entries dated ${dates.at(-1)} to ${dates[0]}, references ${Math.min(...references)}–${newest}: ${entries - newest} newer entries above them`;
}

/**
 * The first page of the default window, and the `next` of the first page of the window 13 to 12 months
 * ago; with each, the query the bank runs for it (read-transactions.ts): newest first from the window's
 * start (the first page: no boundary yet), or below the last entry of the page before, within the walk's
 * window and boundary (the account's last reference when the walk began).
 */
export async function findPages(session: AispSession): Promise<{ first: Page; deep: Page }> {
  const { iban, today, entries, days } = session.history;
  const path = await transactionsHref(session);
  const firstBody = await readPage(session, path);
  const [from, to] = [addDays(today, -days), addDays(today, -365)];
  const old = await readPage(session, `${path}?dateFrom=${from}&dateTo=${to}`);
  const next = old._links.next?.href;
  const last = old.transactions.at(-1);
  if (!next || !last?.bookingDate) throw new Error(`GET ${path}?dateFrom=${from}&dateTo=${to}: no next link`);
  const deepBody = await readPage(session, next);
  const walk = { iban, lowestReference: undefined, towards: 'older' as const, limit: PAGE_SIZE + 1 };
  const defaultWindow = historyWindow(new Date(), { from: undefined, to: undefined }, true);
  // A new walk has no boundary yet: the bank asks up to the largest reference a cursor can carry.
  return {
    first: {
      name: 'first page',
      path,
      description: describe(firstBody, entries),
      references: referencesOf(firstBody),
      query: { ...walk, ...defaultWindow, highestReference: Number.MAX_SAFE_INTEGER - 1, after: undefined },
    },
    deep: {
      name: 'deep page',
      path: next,
      description: `${describe(deepBody, entries)} (next of ?dateFrom=${from}&dateTo=${to})`,
      references: referencesOf(deepBody),
      query: {
        ...walk,
        from,
        to,
        highestReference: entries,
        after: { entryDate: last.bookingDate, entryReference: Number(last.entryReference) },
      },
    },
  };
}
