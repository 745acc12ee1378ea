import type { StetVersion } from '@openstet/protocol';
import type { TransactionsAsked } from '../../../core/accounts/read-transactions.ts';
import { Errors } from '../../../http/api-error.ts';

/** Each version's query parameters of `GET /accounts/{id}/transactions`, and openstet's `page` cursor. */
const PARAMETERS: Readonly<Record<StetVersion, readonly string[]>> = {
  v1: ['dateFrom', 'dateTo', 'afterEntryReference', 'page'],
  // `entryReferenceto` with a lower-case t: STET 1.4.2's spelling, kept.
  'v1.4.2': ['dateFrom', 'dateTo', 'entryReferenceFrom', 'entryReferenceto', 'page'],
};

/** RFC 3339 full-date, optionally with a time: STET types these parameters as date-time. */
const DATE =
  /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;
const REFERENCE = /^\d{1,15}$/;

/** The calendar date of a `dateFrom` / `dateTo` as written (its time, if any, is not used). */
function date(name: string, value: string): string {
  const day = DATE.exec(value)?.[1];
  if (!day || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
    throw Errors.invalidBody(
      `${name} must be a date such as 2026-01-31 or a date-time such as 2026-01-31T00:00:00Z`,
    );
  return day;
}

function reference(name: string, value: string): number {
  if (!REFERENCE.test(value))
    throw Errors.invalidBody(`${name} must be an entryReference this bank gave: digits only, at most 15`);
  return Number(value);
}

/**
 * The query of a transactions read, checked (400 FF01 naming the parameter): each version's parameters
 * once each; `page` alone, since the cursor carries its walk's window and filters. 1.4.0.47's
 * `afterEntryReference` is exclusive, 1.4.2's `entryReferenceFrom` / `entryReferenceto` inclusive.
 */
export function transactionsQuery(query: unknown, version: StetVersion): TransactionsAsked {
  const given = query as Readonly<Record<string, unknown>>;
  const allowed = PARAMETERS[version];
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(given)) {
    if (!allowed.includes(name))
      throw Errors.invalidBody(`Unknown query parameter ${name.slice(0, 40)}: use ${allowed.join(', ')}`);
    if (typeof value !== 'string') throw Errors.invalidBody(`Give ${name} once`);
    values.set(name, value);
  }
  const page = values.get('page');
  if (page !== undefined && values.size > 1)
    throw Errors.invalidBody(
      'page carries the window and filters of its walk: call the linked href as given',
    );
  const optional = <T>(name: string, read: (name: string, value: string) => T) => {
    const value = values.get(name);
    return value === undefined ? undefined : read(name, value);
  };
  const after = optional('afterEntryReference', reference);
  return {
    from: optional('dateFrom', date),
    to: optional('dateTo', date),
    lowestReference: after === undefined ? optional('entryReferenceFrom', reference) : after + 1,
    highestReference: optional('entryReferenceto', reference),
    page,
  };
}
