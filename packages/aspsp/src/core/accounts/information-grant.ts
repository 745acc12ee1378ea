import type { ConsentStore } from '../consent/consent.ts';
import { LIFETIMES } from '../tokens/token-lifetimes.ts';
import type { TokenPair } from '../tokens/token-pair.ts';

/**
 * What an AISP may read for one PSU (STET Part I §3.4, mixed detailed consent model): the accounts the PSU
 * made available at the bank (ticked on the consent page) bound everything; within them, the reads the
 * AISP forwarded with `PUT /consents`. Before any, balances and transactions of every account made
 * available, and neither beneficiaries nor identity, which STET's `Access` names separately.
 */
export interface InformationGrant {
  readonly establishment: string;
  /** Absent for a token that acts for the TPP alone: no customer consented. */
  readonly psuId: string | undefined;
  readonly clientId: string;
  readonly consentId: string | undefined;
  /** IBANs the PSU made available to this AISP at the bank: the most it may ever see. */
  readonly accounts: readonly string[];
  readonly balances: readonly string[];
  readonly transactions: readonly string[];
  readonly trustedBeneficiaries: boolean;
  readonly psuIdentity: boolean;
  /** More than 90 days of history: `extended_transaction_history`, right after the SCA only. */
  readonly extendedHistory: boolean;
}

/**
 * How long after the SCA `extended_transaction_history` counts: the lifetime of the access token the SCA
 * gave. RTS Art. 10a(1)(b) exempts from SCA only the transactions of the last 90 days, so the scope does
 * not survive a refresh (security notes, pitfall 10): a refreshed token reads 90 days.
 */
export const EXTENDED_HISTORY_MS = LIFETIMES.accessTokenSeconds * 1000;

export async function informationGrant(
  consents: ConsentStore,
  token: TokenPair,
  now: Date,
): Promise<InformationGrant> {
  const consent = token.consentId === undefined ? undefined : await consents.find(token.consentId);
  const access = consent?.access;
  const within = (ibans: readonly string[] | undefined) =>
    (ibans ?? token.accounts).filter((iban) => token.accounts.includes(iban));
  return Object.freeze({
    establishment: token.establishment,
    psuId: token.psuId,
    clientId: token.clientId,
    consentId: token.consentId,
    accounts: token.accounts,
    balances: within(access?.balances),
    transactions: within(access?.transactions),
    trustedBeneficiaries: access?.trustedBeneficiaries ?? false,
    psuIdentity: access?.psuIdentity ?? false,
    extendedHistory:
      token.scopes.includes('extended_transaction_history') &&
      consent !== undefined &&
      now.getTime() - consent.scaAt.getTime() <= EXTENDED_HISTORY_MS,
  });
}
