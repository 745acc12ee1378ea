import type { StetVersion } from '@openstet/protocol';
import { addDays } from '../../../core/accounts/calendar-day.ts';
import type { AccountEntry, EntryKind } from '../../../core/ports/account-information.ts';
import { amountType } from '../versioned-amount.ts';

/** ISO 20022 bank transaction codes (domain, family, sub-family) of each kind of entry, for 1.4.2. */
const CODES: Readonly<Record<EntryKind, (credit: boolean) => readonly [string, string, string]>> = {
  'card-payment': () => ['PMNT', 'CCRD', 'POSD'],
  'credit-transfer': (credit) => ['PMNT', credit ? 'RCDT' : 'ICDT', 'ESCT'],
  'direct-debit': () => ['PMNT', 'RDDT', 'ESDD'],
  'cash-withdrawal': () => ['PMNT', 'CCRD', 'CWDL'],
  fee: () => ['ACMT', 'MDOP', 'CHRG'],
};

/**
 * STET `Transaction` of an entry. 1.4.0.47 requires a booking date and one line of remittance: a pending
 * entry gives its transaction date there (its status says it is not booked). 1.4.2 gives a pending entry
 * an expected booking date (the next day) instead, its ISO bank transaction code, and the remittance as
 * `{ unstructured }`.
 */
export function transactionResource(entry: AccountEntry, version: StetVersion) {
  const credit = entry.direction === 'credit';
  const booked = entry.status === 'booked';
  const common = {
    entryReference: String(entry.entryReference),
    transactionAmount: amountType(entry.amount, version),
    creditDebitIndicator: credit ? 'CRDT' : 'DBIT',
    status: booked ? 'BOOK' : 'PDNG',
  };
  const dates = {
    ...(entry.valueDate ? { valueDate: entry.valueDate } : {}),
    ...(entry.transactionDate ? { transactionDate: entry.transactionDate } : {}),
  };
  if (version === 'v1')
    return { ...common, bookingDate: entry.entryDate, ...dates, remittanceInformation: [entry.label] };
  const [domain, family, subFamily] = CODES[entry.kind](credit);
  return {
    ...common,
    ...(booked ? { bookingDate: entry.entryDate } : { expectedBookingDate: addDays(entry.entryDate, 1) }),
    ...dates,
    bankTransactionCode: { domain, family, subFamily },
    remittanceInformation: { unstructured: [entry.label] },
  };
}
