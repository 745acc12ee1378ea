import type { AccountEntry, EntryPage, EntryPageQuery } from '../../core/ports/account-information.ts';

/** Newest first: entryDate, then entryReference, both descending (the port's order). */
function newestFirst(a: AccountEntry, b: AccountEntry): number {
  if (a.entryDate !== b.entryDate) return a.entryDate < b.entryDate ? 1 : -1;
  return b.entryReference - a.entryReference;
}

/**
 * One page of an account whose entries are held in two lists (a persona's generated history and its
 * payments, ADR 0007), from the same query's page of each: a page `towards` older holds the newest
 * `limit` of their union, one towards newer the oldest `limit`; each list's page holds at least those of
 * its own, so the union's are among them. The boundary is the higher of the two (ADR 0006).
 */
export function mergedEntryPage(first: EntryPage, second: EntryPage, query: EntryPageQuery): EntryPage {
  if (second.entries.length === 0 && second.lastReference <= first.lastReference) return first;
  const all = [...first.entries, ...second.entries].sort(newestFirst);
  const entries =
    query.towards === 'older' ? all.slice(0, query.limit) : all.slice(Math.max(0, all.length - query.limit));
  return Object.freeze({
    entries: Object.freeze(entries),
    lastReference: Math.max(first.lastReference, second.lastReference),
  });
}
