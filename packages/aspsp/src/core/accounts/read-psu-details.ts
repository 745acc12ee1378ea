import type { TrustedBeneficiary } from '../ports/account-information.ts';
import type { PsuProfile } from '../ports/core-banking.ts';
import {
  type InformationDeps,
  type InformationRefusal,
  quotaRefusal,
  refusingUnavailable,
} from './consented-account.ts';
import type { InformationGrant } from './information-grant.ts';

/**
 * The PSU's trusted beneficiaries (STET "Retrieval of the trusted beneficiaries list", CR158), when the
 * AISP forwarded `trustedBeneficiaries: true` for them (`PUT /consents`). None is an empty list.
 */
export function readTrustedBeneficiaries(
  deps: InformationDeps,
  grant: InformationGrant,
): Promise<readonly TrustedBeneficiary[] | InformationRefusal> {
  return refusingUnavailable(async () => {
    if (grant.psuId === undefined || !grant.trustedBeneficiaries) return { reason: 'not-consented' };
    const quota = await quotaRefusal(deps, grant, `psu:${grant.psuId}`, 'beneficiaries');
    if (quota) return quota;
    return Object.freeze([...(await deps.coreBanking.trustedBeneficiaries(grant.psuId))]);
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
    if (grant.psuId === undefined || !grant.psuIdentity) return { reason: 'not-consented' };
    const quota = await quotaRefusal(deps, grant, `psu:${grant.psuId}`, 'identity');
    if (quota) return quota;
    return (await deps.coreBanking.psuById(grant.psuId)) ?? { reason: 'not-consented' };
  });
}
