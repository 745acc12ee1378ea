import type {
  AccountEntry,
  EntryPage,
  EntryPageQuery,
  EntryPosition,
} from '../../core/ports/account-information.ts';

/** Order of (entryDate, entryReference): negative when `a` is older than `b`. */
function compare(a: EntryPosition, b: EntryPosition): number {
  if (a.entryDate !== b.entryDate) return a.entryDate < b.entryDate ? -1 : 1;
  return a.entryReference - b.entryReference;
}

/**
 * The first index of `entries` (newest first) from which `isOlder` holds. It says whether an entry is older
 * than a bound (or no newer, for `after` walking newer), so it holds for every entry after that one too and
 * a binary search finds it.
 */
function firstOlder(entries: readonly AccountEntry[], isOlder: (entry: AccountEntry) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isOlder(entries[middle] as AccountEntry)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * One page of an account's entries held in memory, newest first (the sandbox's generated history), by keyset
 * as `EntryPageQuery` says: the window and `after` are found by binary search, so a deep cursor costs what
 * the first page does; only the reference filters are applied entry by entry, within the window.
 */
export function entryPage(entries: readonly AccountEntry[], query: EntryPageQuery): EntryPage {
  const { after, from, to, lowestReference, highestReference } = query;
  // Indexes [newest, oldest) hold the entries of the window on the right side of `after`.
  let newest = to === undefined ? 0 : firstOlder(entries, (entry) => entry.entryDate < to);
  let oldest = firstOlder(entries, (entry) => entry.entryDate < from);
  if (after && query.towards === 'older')
    newest = Math.max(
      newest,
      firstOlder(entries, (entry) => compare(entry, after) < 0),
    );
  if (after && query.towards === 'newer')
    oldest = Math.min(
      oldest,
      firstOlder(entries, (entry) => compare(entry, after) <= 0),
    );
  const kept = (entry: AccountEntry) =>
    (lowestReference === undefined || entry.entryReference >= lowestReference) &&
    entry.entryReference <= highestReference;
  const page: AccountEntry[] = [];
  if (query.towards === 'older') {
    for (let index = newest; index < oldest && page.length < query.limit; index++) {
      const entry = entries[index] as AccountEntry;
      if (kept(entry)) page.push(entry);
    }
  } else {
    for (let index = oldest - 1; index >= newest && page.length < query.limit; index--) {
      const entry = entries[index] as AccountEntry;
      if (kept(entry)) page.push(entry);
    }
    // Walked oldest first; a page is always newest first.
    page.reverse();
  }
  return Object.freeze({ entries: Object.freeze(page), lastReference: lastReference(entries) });
}

/**
 * The highest reference of the account. The port does not tie references to dates (only to the order the
 * bank records entries in), so every entry is looked at rather than the first: a few hundred numbers.
 */
function lastReference(entries: readonly AccountEntry[]): number {
  let highest = 0;
  for (const entry of entries) if (entry.entryReference > highest) highest = entry.entryReference;
  return highest;
}
