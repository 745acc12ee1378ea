import type { FastifyRequest } from 'fastify';
import type { InformationDeps } from '../../../core/accounts/consented-account.ts';
import { type InformationGrant, informationGrant } from '../../../core/accounts/information-grant.ts';
import type { UnattendedReadLog } from '../../../core/accounts/unattended-quota.ts';
import type { ConsentStore } from '../../../core/consent/consent.ts';
import type { CoreBanking } from '../../../core/ports/core-banking.ts';
import type { TokenPair } from '../../../core/tokens/token-pair.ts';

/** What the AISP endpoints share: a connector per request (one deadline), the bank key, the clock. */
export interface InformationEndpointDeps {
  readonly coreBankingForRequest: () => CoreBanking;
  readonly informationKey: Uint8Array;
  readonly now: () => Date;
  readonly unattendedReads: UnattendedReadLog;
  readonly consents: ConsentStore;
}

/** The AISP's grant behind the token: the accounts made available, narrowed by `PUT /consents`. */
export function grantOf(deps: InformationEndpointDeps, token: TokenPair): Promise<InformationGrant> {
  return informationGrant(deps.consents, token);
}

/** One request's deps: a read is attended when the TPP relays the PSU's IP address (STET Part I §3.5). */
export function informationDeps(deps: InformationEndpointDeps, request: FastifyRequest): InformationDeps {
  return {
    coreBanking: deps.coreBankingForRequest(),
    key: deps.informationKey,
    now: deps.now,
    unattended: deps.unattendedReads,
    attended: request.headers['psu-ip-address'] !== undefined,
  };
}

/** Every AISP answer is HAL (STET Part I §3.6). */
export function halAnswer(body: unknown) {
  return { type: 'application/hal+json; charset=utf-8', body: JSON.stringify(body) };
}

/** The `accountResourceId` path parameter, as routed. */
export function accountIdParam(params: unknown): string {
  return (params as { accountResourceId: string }).accountResourceId;
}
