import type { FastifyInstance } from 'fastify';
import type { CoreBanking } from '../../core/ports/core-banking.ts';
import type { PaymentRequestStore } from '../../core/ports/payment-store.ts';
import { accountsEndpoint } from './aisp/accounts-endpoint.ts';
import { balancesEndpoint } from './aisp/balances-endpoint.ts';
import { beneficiariesEndpoint } from './aisp/beneficiaries-endpoint.ts';
import { consentsEndpoint } from './aisp/consents-endpoint.ts';
import { identityEndpoint } from './aisp/identity-endpoint.ts';
import type { InformationEndpointDeps } from './aisp/information-call.ts';
import { transactionsEndpoint } from './aisp/transactions-endpoint.ts';
import { fundsConfirmation } from './cbpii/funds-confirmation.ts';
import { cancellationEndpoint } from './pisp/cancellation-endpoint.ts';
import { confirmationEndpoint } from './pisp/confirmation-endpoint.ts';
import { paymentRequestEndpoint } from './pisp/payment-request-endpoint.ts';
import { paymentRequestsEndpoint } from './pisp/payment-requests-endpoint.ts';
import { type StetEndpointDeps, stetEndpoint } from './stet-endpoint.ts';

export interface StetRoutesDeps extends StetEndpointDeps, InformationEndpointDeps {
  /** A connector for one request: its calls share the core-banking timeout (`withDeadline`). */
  readonly coreBankingForRequest: () => CoreBanking;
  /** The payment requests the PISP endpoints record and change. */
  readonly payments: PaymentRequestStore;
}

/** The STET API the bank serves, role by role: cbpii, aisp, pisp. */
export function stetRoutes(app: FastifyInstance, deps: StetRoutesDeps): void {
  stetEndpoint(app, deps, fundsConfirmation(deps.coreBankingForRequest));
  stetEndpoint(app, deps, accountsEndpoint(deps));
  stetEndpoint(app, deps, balancesEndpoint(deps));
  stetEndpoint(app, deps, transactionsEndpoint(deps));
  stetEndpoint(app, deps, consentsEndpoint(deps));
  stetEndpoint(app, deps, beneficiariesEndpoint(deps));
  stetEndpoint(app, deps, identityEndpoint(deps));
  stetEndpoint(app, deps, paymentRequestsEndpoint(deps));
  stetEndpoint(app, deps, paymentRequestEndpoint(deps));
  stetEndpoint(app, deps, cancellationEndpoint(deps));
  stetEndpoint(app, deps, confirmationEndpoint(deps, 'paymentRequestConfirmationPost'));
  stetEndpoint(app, deps, confirmationEndpoint(deps, 'paymentRequestOConfirmationPost'));
}
