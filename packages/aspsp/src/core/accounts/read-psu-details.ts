import type { TrustedBeneficiary } from '../ports/account-information.ts';
import type { PsuProfile } from '../ports/core-banking.ts';
import { type InformationDeps, type InformationRefusal, refusingUnavailable } from './consented-account.ts';
import type { InformationGrant } from './information-grant.ts';
import { unattendedRead } from './unattended-read.ts';

/**
 * The PSU's trusted beneficiaries (STET "Retrieval of the trusted beneficiaries list", CR158), when the
 * AISP forwarded `trustedBeneficiaries: true` for them (`PUT /consents`). None is an empty list.
 */
export function readTrustedBeneficiaries(
  deps: InformationDeps,
  grant: InformationGrant,
): Promise<{ readonly beneficiaries: readonly TrustedBeneficiary[] } | InformationRefusal> {
  return refusingUnavailable(async () => {
    const { psuId } = grant;
    if (psuId === undefined) return { reason: 'not-consented', what: 'no-customer' };
    if (!grant.trustedBeneficiaries) return { reason: 'not-consented', what: 'trusted-beneficiaries' };
    return unattendedRead(deps, grant, `psu:${psuId}`, 'beneficiaries', async () => ({
      beneficiaries: Object.freeze([...(await deps.coreBanking.trustedBeneficiaries(psuId))]),
    }));
  });
}

/**
 * The PSU's first and last name (STET 1.4.2 "Retrieval of the identity of the end-user"), when the AISP
 * forwarded `psuIdentity: true`; a PSU the bank no longer knows is not consented any more.
 */
export function readIdentity(
  deps: InformationDeps,
  grant: InformationGrant,
): Promise<PsuProfile | InformationRefusal> {
  return refusingUnavailable(async () => {
    const { psuId } = grant;
    if (psuId === undefined) return { reason: 'not-consented', what: 'no-customer' };
    if (!grant.psuIdentity) return { reason: 'not-consented', what: 'identity' };
    return unattendedRead(
      deps,
      grant,
      `psu:${psuId}`,
      'identity',
      async () => (await deps.coreBanking.psuById(psuId)) ?? { reason: 'not-consented', what: 'no-customer' },
    );
  });
}
