import { type CoreBanking, CoreBankingUnavailable, type CurrentAccount } from '../ports/core-banking.ts';
import { accountResourceId } from './account-id.ts';
import type { InformationGrant } from './information-grant.ts';
import type { UnattendedReadLog } from './unattended-quota.ts';

/** Why the bank gives no account information, in the order it checks (ADR 0006); standards name them. */
export type InformationRefusal =
  | { readonly reason: 'unknown-account' | 'bank-unavailable' | 'bad-page' }
  /** `what` the AISP may not read: an account's balances or transactions, or what `PUT /consents` names. */
  | { readonly reason: 'not-consented'; readonly what: NotConsented }
  | { readonly reason: 'unattended-quota'; readonly retryAfterSeconds: number };

export type NotConsented = 'no-customer' | 'account' | 'trusted-beneficiaries' | 'identity';

/** What one account-information request needs: the bank's books, its key, its clock, the quota. */
export interface InformationDeps {
  readonly coreBanking: CoreBanking;
  /** The bank secret behind account resource ids and page cursors (`bank_keys`). */
  readonly key: Uint8Array;
  readonly now: () => Date;
  readonly unattended: UnattendedReadLog;
  /** Whether the PSU asked for this read (STET: the TPP sent `PSU-IP-Address`); else it is counted. */
  readonly attended: boolean;
}

/** A read on one account: `balances` or `transactions`, each consented separately (STET `Access`). */
export type AccountRead = 'balances' | 'transactions';

/**
 * The PSU's account behind `accountResourceId`, if the AISP may make this read on it (ADR 0006): an id
 * that is not one of the token PSU's accounts at this establishment is unknown, whoever holds it (404, so
 * that the answer tells nothing about other customers' accounts); an account of the PSU's outside the
 * grant for this read, or closed since, is not consented (403).
 */
export async function consentedAccount(
  deps: InformationDeps,
  grant: InformationGrant,
  accountId: string,
  read: AccountRead,
): Promise<CurrentAccount | InformationRefusal> {
  if (grant.psuId === undefined) return { reason: 'not-consented', what: 'no-customer' };
  const held = await deps.coreBanking.currentAccounts(grant.psuId);
  const account = held.find((candidate) => accountResourceId(deps.key, grant, candidate.iban) === accountId);
  if (!account) return { reason: 'unknown-account' };
  if (!grant[read].includes(account.iban) || account.status === 'closed')
    return { reason: 'not-consented', what: 'account' };
  return account;
}

export function isRefusal<T extends object>(value: T | InformationRefusal): value is InformationRefusal {
  return 'reason' in value;
}

/** Runs a read; the bank's books not answering in time is a refusal like the others (503). */
export async function refusingUnavailable<T extends object>(
  read: () => Promise<T | InformationRefusal>,
): Promise<T | InformationRefusal> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CoreBankingUnavailable) return { reason: 'bank-unavailable' };
    throw error;
  }
}
