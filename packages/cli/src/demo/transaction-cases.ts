import type { TransactionPage } from '@openstet/tpp';
import type { CaseContext } from './answers.ts';
import { type DemoCase, MARC_5158 } from './cases.ts';
import { attended, newestFirst, short, thirteenMonthsBack, transactionLine } from './information-reads.ts';

type AccountId = (context: CaseContext, iban: string) => Promise<string>;

/** A few lines of a page, as a statement shows them. */
const SHOWN = 3;

/**
 * The pages of …5158 from `dateFrom`, 50 each and newest first, following the bank's `next` links: the
 * first `limit` of them, or all. The aisp token carries `extended_transaction_history`: 13 months.
 */
async function pagesOf(context: CaseContext, id: string, dateFrom: string, limit = Number.POSITIVE_INFINITY) {
  const pages: TransactionPage[] = [];
  for await (const page of context.bank.transactionPages(id, { dateFrom }, attended('v1.4.2'))) {
    pages.push(page);
    if (pages.length >= limit) break;
  }
  return pages;
}

const references = (pages: readonly TransactionPage[]) =>
  pages.flatMap((page) => page.transactions.map((entry) => entry.entryReference ?? ''));

/** What a whole walk showed: each entry once, newest first, back to the window's first month. */
function walkAnswer(pages: readonly TransactionPage[]): string {
  const entries = pages.flatMap((page) => page.transactions);
  const repeated = entries.length - new Set(references(pages)).size;
  const order = newestFirst(entries) ? '' : ', not newest first';
  const once = repeated === 0 ? 'every entry once' : `${repeated} entries repeated`;
  return `${once}${order}, to ${entries.at(-1)?.date?.slice(0, 7) ?? 'nothing'}`;
}

/** `GET /accounts/{id}/transactions`: the first page, the next one, then every page of 13 months. */
export function transactionCases(accountId: AccountId, now: Date): DemoCase[] {
  const dateFrom = thirteenMonthsBack(now);
  const path = `/accounts/{${short(MARC_5158)}}/transactions`;
  return [
    {
      version: 'v1.4.2',
      name: 'transactions: first page',
      asked: `GET ${path}`,
      expected: '50, newest first, next link',
      run: async (context) => {
        const [page] = await pagesOf(context, await accountId(context, MARC_5158), dateFrom, 1);
        const entries = page?.transactions ?? [];
        const order = newestFirst(entries) ? 'newest first' : 'not newest first';
        return {
          answer: `${entries.length}, ${order}, ${page?.hasNext ? 'next link' : 'no next link'}`,
          message: `dateFrom=${dateFrom}: 50 entries a page, the next link to older ones`,
          details: entries.slice(0, SHOWN).map(transactionLine),
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'transactions: next page',
      asked: "the first page's next link",
      expected: '50 older, none repeated',
      run: async (context) => {
        const pages = await pagesOf(context, await accountId(context, MARC_5158), dateFrom, 2);
        const [first = [], second = []] = pages.map((page) => page.transactions);
        const older = newestFirst([...first.slice(-1), ...second]) ? 'older' : 'not older';
        const repeated = first.length + second.length - new Set(references(pages)).size;
        return {
          answer: `${second.length} ${older}, ${repeated === 0 ? 'none' : repeated} repeated`,
          details: second.slice(0, SHOWN).map(transactionLine),
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'transactions: 13 months',
      asked: 'every next link, to the end',
      expected: `every entry once, to ${dateFrom.slice(0, 7)}`,
      run: async (context) => {
        const pages = await pagesOf(context, await accountId(context, MARC_5158), dateFrom);
        const entries = pages.flatMap((page) => page.transactions);
        const span = `${entries.at(-1)?.date ?? '?'} to ${entries[0]?.date ?? '?'}`;
        return {
          answer: walkAnswer(pages),
          message: `${pages.length} pages, ${entries.length} entries, ${span} (extended_transaction_history; without it the bank gives 90 days)`,
        };
      },
    },
  ];
}
