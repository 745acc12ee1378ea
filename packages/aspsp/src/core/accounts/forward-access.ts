import type { ConsentStore, InformationAccess } from '../consent/consent.ts';
import type { InformationGrant } from './information-grant.ts';

export type ForwardRefusal =
  | { readonly reason: 'not-consented'; readonly what: 'no-customer' }
  /** An account the PSU did not make available at the bank: only a new authorization can add it. */
  | { readonly reason: 'not-made-available'; readonly iban: string };

/**
 * `PUT /consents` (STET "Forwarding the PSU consent"): the AISP's new access replaces the previous one. It
 * may narrow what the PSU made available at the bank, never widen it: an account outside that is refused,
 * and nothing changes.
 */
export async function forwardAccess(
  consents: ConsentStore,
  grant: InformationGrant,
  access: InformationAccess,
): Promise<ForwardRefusal | undefined> {
  if (grant.consentId === undefined) return { reason: 'not-consented', what: 'no-customer' };
  const outside = [...access.balances, ...access.transactions].find((iban) => !grant.accounts.includes(iban));
  if (outside !== undefined) return { reason: 'not-made-available', iban: outside };
  await consents.forwardAccess(
    grant.consentId,
    Object.freeze({
      balances: [...new Set(access.balances)],
      transactions: [...new Set(access.transactions)],
      trustedBeneficiaries: access.trustedBeneficiaries,
      psuIdentity: access.psuIdentity,
    }),
  );
  return undefined;
}
