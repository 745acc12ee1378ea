import type { FastifyInstance } from 'fastify';
import type { CoreBanking } from '../../core/ports/core-banking.ts';
import { fundsConfirmation } from './cbpii/funds-confirmation.ts';
import { type StetEndpointDeps, stetEndpoint } from './stet-endpoint.ts';

export interface StetRoutesDeps extends StetEndpointDeps {
  /** A connector for one request: its calls share the core-banking timeout (`withDeadline`). */
  readonly coreBankingForRequest: () => CoreBanking;
}

/** The STET API the bank serves, role by role (cbpii today; aisp and pisp next). */
export function stetRoutes(app: FastifyInstance, deps: StetRoutesDeps): void {
  stetEndpoint(app, deps, fundsConfirmation(deps.coreBankingForRequest));
}
