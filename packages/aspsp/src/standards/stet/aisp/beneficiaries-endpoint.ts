import { stetOperation } from '@openstet/protocol';
import { isRefusal } from '../../../core/accounts/consented-account.ts';
import { readTrustedBeneficiaries } from '../../../core/accounts/read-psu-details.ts';
import type { TrustedBeneficiary } from '../../../core/ports/account-information.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { grantOf, halAnswer, type InformationEndpointDeps, informationDeps } from './information-call.ts';
import { informationHref } from './information-links.ts';
import { informationRefusalError } from './information-refusal.ts';

/** STET `Beneficiary`, trusted (CR179/CR198 `isTrusted`). */
function beneficiaryResource(beneficiary: TrustedBeneficiary) {
  return {
    id: beneficiary.id,
    isTrusted: true,
    ...(beneficiary.bicFi ? { creditorAgent: { bicFi: beneficiary.bicFi } } : {}),
    creditor: { name: beneficiary.name },
    creditorAccount: { iban: beneficiary.iban },
  };
}

/**
 * `GET /trusted-beneficiaries` on both versions (scope `aisp`, CR158): the PSU's trusted beneficiaries, when
 * the AISP forwarded `trustedBeneficiaries: true` (else 403 NGAC). None is 200 with an empty list.
 */
export function beneficiariesEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('trustedBeneficiariesGet'),
    async answer({ request, version, token }) {
      const grant = await grantOf(deps, token);
      const read = await readTrustedBeneficiaries(informationDeps(deps, request), grant);
      if (isRefusal(read)) throw informationRefusalError(read);
      return halAnswer({
        beneficiaries: read.beneficiaries.map(beneficiaryResource),
        _links: {
          self: informationHref(version, '/trusted-beneficiaries'),
          'parent-list': informationHref(version, '/accounts'),
        },
      });
    },
  };
}
