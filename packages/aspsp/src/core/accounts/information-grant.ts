import type { ConsentStore } from '../consent/consent.ts';
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
  /** `extended_transaction_history`: more than 90 days of history. */
  readonly extendedHistory: boolean;
}

export async function informationGrant(consents: ConsentStore, token: TokenPair): Promise<InformationGrant> {
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
    extendedHistory: token.scopes.includes('extended_transaction_history'),
  });
}
