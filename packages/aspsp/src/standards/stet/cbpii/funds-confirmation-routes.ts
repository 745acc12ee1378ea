import type { FastifyInstance } from 'fastify';
import type { CoreBanking } from '../../../core/ports/core-banking.ts';
import type { TokenStore } from '../../../core/tokens/token-pair.ts';
import { accessTokenCheck } from '../../../http/access-token.ts';
import type { TrustChain } from '../../../http/trust-chain.ts';
import type { Endpoints } from '../../../services.ts';
import { confirmFunds } from './confirm-funds.ts';
import { halCoverageReport } from './coverage-report.ts';
import { parseFundsRequest, type StetVersion } from './funds-request.ts';

export interface FundsConfirmationDeps {
  /** A connector for one request: its calls share the core-banking timeout (`withDeadline`). */
  readonly coreBankingForRequest: () => CoreBanking;
  readonly trust: TrustChain;
  readonly tokens: TokenStore;
  readonly now: () => Date;
  /** `mtlsUrl`: the API's base URL as TPPs call it (for `_links.self`). */
  readonly endpoints: Endpoints;
}

const VERSIONS: readonly StetVersion[] = ['v1', 'v1.4.2'];

/**
 * `POST /funds-confirmations` on STET 1.4.0.47 (`/stet/psd2/v1`, scope `piisp`) and 1.4.2
 * (`/stet/psd2/v1.4.2`, scope `cbpii`; the two names are one role, so either token works on both). The
 * pipeline, top to bottom: QWAC and PSP_IC licence, per-TPP quota, signature and Digest, access token,
 * body, the bank's answer, signed by the bank (CR199).
 */
export function fundsConfirmationRoutes(app: FastifyInstance, deps: FundsConfirmationDeps): void {
  for (const version of VERSIONS) {
    const path = `/stet/psd2/${version}/funds-confirmations`;
    app.post(
      path,
      {
        ...deps.trust.stetRoute({ role: 'PSP_IC', signResponse: true }),
        preHandler: [accessTokenCheck(deps, ['cbpii', 'piisp'])],
      },
      async (request, reply) => {
        const funds = parseFundsRequest(request.body, version);
        const result = await confirmFunds(
          { coreBanking: deps.coreBankingForRequest() },
          request.accessToken as NonNullable<typeof request.accessToken>,
          funds,
        );
        return reply
          .type('application/hal+json; charset=utf-8')
          .send(
            halCoverageReport(
              request.body as Record<string, unknown>,
              result,
              version,
              `${deps.endpoints.mtlsUrl}${path}`,
            ),
          );
      },
    );
  }
}
