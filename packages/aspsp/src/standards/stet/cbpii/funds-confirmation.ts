import { stetOperation } from '@openstet/protocol';
import { confirmFunds } from '../../../core/funds/confirm-funds.ts';
import type { CoreBanking } from '../../../core/ports/core-banking.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { halCoverageReport } from './coverage-report.ts';
import { fundsRefusalError } from './funds-refusal.ts';
import { parseFundsRequest } from './funds-request.ts';

/**
 * `POST /funds-confirmations` on STET 1.4.0.47 (`/stet/psd2/v1`, scope `piisp`) and 1.4.2
 * (`/stet/psd2/v1.4.2`, scope `cbpii`; the two names are one role, so either token works on both): the
 * PaymentCoverageRequestResource parsed (FF01 / AC01), the core's funds check, the HalPaymentCoverageReport.
 */
export function fundsConfirmation(coreBankingForRequest: () => CoreBanking): StetEndpoint {
  return {
    operation: stetOperation('fundsConfirmationsPost'),
    async answer({ request, version, token, selfUrl }) {
      const funds = parseFundsRequest(request.body, version);
      const outcome = await confirmFunds(coreBankingForRequest(), token, funds);
      if ('refusal' in outcome) throw fundsRefusalError(outcome.refusal, funds.amount);
      const body = request.body as Record<string, unknown>;
      return {
        type: 'application/hal+json; charset=utf-8',
        body: halCoverageReport(body, outcome.covered, version, selfUrl),
      };
    },
  };
}
