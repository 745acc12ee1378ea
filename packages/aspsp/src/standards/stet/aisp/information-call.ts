import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { InformationDeps } from '../../../core/accounts/consented-account.ts';
import { type InformationGrant, informationGrant } from '../../../core/accounts/information-grant.ts';
import type { UnattendedReadLog } from '../../../core/accounts/unattended-quota.ts';
import type { ConsentStore } from '../../../core/consent/consent.ts';
import type { CoreBanking } from '../../../core/ports/core-banking.ts';
import type { TokenPair } from '../../../core/tokens/token-pair.ts';
import { Errors } from '../../../http/api-error.ts';

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
  return informationGrant(deps.consents, token, deps.now());
}

/**
 * Whether the PSU asked for this read: the TPP relays their IP address (STET `PSU-IP-Address`, RTS
 * Art. 36(5)). Anything else than an IP address is refused rather than taken for presence, so that a
 * header sent empty or with junk never escapes the unattended quota.
 */
function attended(request: FastifyRequest): boolean {
  const address = request.headers['psu-ip-address'];
  if (address === undefined) return false;
  if (typeof address !== 'string' || isIP(address.trim()) === 0)
    throw Errors.invalidHeader('PSU-IP-Address must be the IPv4 or IPv6 address of the PSU, e.g. 192.0.2.10');
  return true;
}

/** One request's deps: its connector (one deadline), the bank key, the clock, the quota and presence. */
export function informationDeps(deps: InformationEndpointDeps, request: FastifyRequest): InformationDeps {
  return {
    coreBanking: deps.coreBankingForRequest(),
    key: deps.informationKey,
    now: deps.now,
    unattended: deps.unattendedReads,
    attended: attended(request),
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
