import type { StetVersion } from '@openstet/protocol';
import type { CallOptions } from '../client-options.ts';
import type { StetCall } from './stet-call.ts';

type VersionOption = CallOptions & { readonly version?: StetVersion };

/** An account the customer made available to you (STET `AccountResource`). */
export interface Account {
  /** The bank's `accountResourceId`: pass it to `balances` and `transactionPages`. */
  readonly id: string;
  readonly iban: string | undefined;
  readonly name: string;
  readonly currency: string | undefined;
  /** Whether the customer let you read its balances, and its transactions. */
  readonly balancesAvailable: boolean;
  readonly transactionsAvailable: boolean;
}

export interface Balance {
  /** STET `balanceType`: `CLBD` booked, `XPCD` instant (what a funds check uses), `VALU`, `OTHR`. */
  readonly type: string;
  readonly name: string;
  /** Decimal text, e.g. `"4348.95"`: never a binary float. */
  readonly amount: string;
  readonly currency: string;
  readonly referenceDate: string | undefined;
}

export interface Transaction {
  readonly entryReference: string | undefined;
  /** `BOOK` booked, `PDNG` pending (a card payment not booked yet). */
  readonly status: string;
  readonly creditDebit: 'CRDT' | 'DBIT';
  /** Decimal text, positive; `creditDebit` gives the direction. */
  readonly amount: string;
  readonly currency: string;
  /** Booking date; for a pending entry, its transaction date (1.4.0.47) or expected booking date (1.4.2). */
  readonly date: string | undefined;
  readonly label: string;
}

/** What to read: a window (`dateFrom` inclusive, `dateTo` exclusive, `YYYY-MM-DD`); the last 90 days by default. */
export interface TransactionFilter {
  readonly dateFrom?: string;
  readonly dateTo?: string;
}

export interface TransactionPage {
  readonly transactions: readonly Transaction[];
  /** Whether older entries follow (the bank's `next` link). */
  readonly hasNext: boolean;
  readonly raw: unknown;
  readonly requestId: string;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

function account(raw: Json, version: StetVersion): Account {
  const accountId = (raw.accountId ?? {}) as Json;
  const links = (raw._links ?? {}) as Json;
  return {
    id: String(raw.resourceId),
    iban: text(accountId.iban),
    name: String(raw.name),
    currency: text(version === 'v1' ? raw.currency : accountId.currency),
    balancesAvailable: links.balances !== undefined,
    transactionsAvailable: links.transactions !== undefined,
  };
}

function balance(raw: Json): Balance {
  const amount = raw.balanceAmount as Json;
  return {
    type: String(raw.balanceType),
    name: String(raw.name),
    amount: String(amount.amount),
    currency: String(amount.currency),
    referenceDate: text(raw.referenceDate),
  };
}

function transaction(raw: Json): Transaction {
  const amount = raw.transactionAmount as Json;
  const remittance = raw.remittanceInformation;
  const lines = Array.isArray(remittance)
    ? remittance
    : ((remittance as Json | undefined)?.unstructured ?? []);
  return {
    entryReference: text(raw.entryReference),
    status: String(raw.status),
    creditDebit: raw.creditDebitIndicator === 'CRDT' ? 'CRDT' : 'DBIT',
    amount: String(amount.amount),
    currency: String(amount.currency),
    date: text(raw.bookingDate ?? raw.expectedBookingDate ?? raw.transactionDate),
    label: (lines as unknown[]).map(String).join(' '),
  };
}

/**
 * A link the bank gave, as a path under the version: the bank's hrefs are path-absolute
 * (`/stet/psd2/v1.4.2/accounts/…?page=…`), resolved against the API base URL's origin. A link elsewhere is
 * refused: the SDK signs and sends your tokens only to the bank you configured.
 */
function linkedPath(apiBaseUrl: string, version: StetVersion, href: string): string {
  const base = new URL(apiBaseUrl);
  const link = new URL(href, base);
  const prefix = `${base.pathname.replace(/\/$/, '')}/${version}`;
  if (link.origin !== base.origin || !link.pathname.startsWith(`${prefix}/`))
    throw new Error(`The bank linked outside its API (${href.slice(0, 100)}): not followed`);
  return `${link.pathname.slice(prefix.length)}${link.search}`;
}

/** The AISP operations (PSD2 Art. 67): the customer's accounts, balances and transactions. */
export function accountInformationMethods(call: StetCall, apiBaseUrl: string) {
  const method = <Name extends 'accounts' | 'balances' | 'transactions'>(
    name: Name,
    version?: StetVersion,
  ) => (version === 'v1' ? (`${name}V1` as const) : name);

  async function transactionPage(path: string, options: VersionOption) {
    const answer = await call(method('transactions', options.version), undefined, options, path);
    const raw = answer.json as { transactions?: Json[]; _links?: { next?: { href: string } } };
    const next = raw._links?.next?.href;
    return {
      page: {
        transactions: (raw.transactions ?? []).map(transaction),
        hasNext: next !== undefined,
        raw,
        requestId: answer.requestId,
      } satisfies TransactionPage,
      next: next && linkedPath(apiBaseUrl, options.version ?? 'v1.4.2', next),
    };
  }

  return {
    /**
     * The accounts the customer made available to you (`GET /accounts`; STET 1.4.2, `version: 'v1'` for
     * 1.4.0.47). Send `psuHeaders: { 'PSU-IP-Address': … }` when the customer is there: reads without it are
     * limited to four a day per account (RTS Art. 36(5)(b)).
     * @example const { accounts } = await bank.accounts({ psuHeaders: { 'PSU-IP-Address': '192.0.2.10' } });
     */
    async accounts(options: VersionOption = {}) {
      const answer = await call(method('accounts', options.version), undefined, options);
      const raw = answer.json as { accounts?: Json[] };
      const version = options.version ?? 'v1.4.2';
      return {
        accounts: (raw.accounts ?? []).map((item) => account(item, version)),
        raw,
        requestId: answer.requestId,
      };
    },

    /**
     * The balances of one account (`GET /accounts/{id}/balances`): `CLBD` booked, `XPCD` instant.
     * @example for (const account of (await bank.accounts()).accounts) console.log((await bank.balances(account.id)).balances);
     */
    async balances(accountId: string, options: VersionOption = {}) {
      const path = `/accounts/${encodeURIComponent(accountId)}/balances`;
      const answer = await call(method('balances', options.version), undefined, options, path);
      const raw = answer.json as { balances?: Json[] };
      return { balances: (raw.balances ?? []).map(balance), raw, requestId: answer.requestId };
    },

    /**
     * The transactions of one account, page after page (50 each, newest first), following the bank's
     * `next` links: `for await (const page of bank.transactionPages(id, { dateFrom: '2026-01-01' }))`.
     * Without the `extended_transaction_history` scope the bank gives at most 90 days.
     * @example for await (const page of bank.transactionPages('0123456789abcdef0123', { dateFrom: '2026-01-01' })) console.log(page.transactions);
     */
    async *transactionPages(
      accountId: string,
      filter: TransactionFilter = {},
      options: VersionOption = {},
    ): AsyncGenerator<TransactionPage, void, undefined> {
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      ).toString();
      let path: string | undefined =
        `/accounts/${encodeURIComponent(accountId)}/transactions${query ? `?${query}` : ''}`;
      const seen = new Set<string>();
      while (path !== undefined) {
        // A bank linking back to a page already read would make this loop forever: stop there.
        if (seen.has(path)) return;
        seen.add(path);
        const { page, next } = await transactionPage(path, options);
        yield page;
        path = next;
      }
    },
  };
}
