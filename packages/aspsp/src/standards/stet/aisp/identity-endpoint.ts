import { stetOperation } from '@openstet/protocol';
import { isRefusal } from '../../../core/accounts/consented-account.ts';
import { readIdentity } from '../../../core/accounts/read-psu-details.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { connectedPsu } from './accounts-endpoint.ts';
import { grantOf, halAnswer, type InformationEndpointDeps, informationDeps } from './information-call.ts';
import { informationHref } from './information-links.ts';
import { informationRefusalError } from './information-refusal.ts';

/**
 * `GET /end-user-identity` (STET 1.4.2 only, scope `aisp`): the PSU's first and last name, when the AISP
 * forwarded `psuIdentity: true` (else 403 NGAC). 1.4.0.47 gives the same as `connectedPsu` in `GET /accounts`.
 */
export function identityEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('endUserIdentityGet'),
    async answer({ request, version, token }) {
      const psu = await readIdentity(informationDeps(deps, request), await grantOf(deps, token));
      if (isRefusal(psu)) throw informationRefusalError(psu);
      return halAnswer({
        connectedPsu: connectedPsu(psu),
        connectedPsuFirstName: psu.firstName,
        connectedPsuLastName: psu.lastName,
        _links: {
          self: informationHref(version, '/end-user-identity'),
          'parent-list': informationHref(version, '/accounts'),
        },
      });
    },
  };
}
