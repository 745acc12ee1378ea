import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { consentStep } from './consent-step.ts';
import { loginStep } from './login-step.ts';
import { otpStep } from './otp-step.ts';
import { paymentApprovalRoute } from './payment-approval-route.ts';
import { paymentStep } from './payment-step.ts';
import type { ScaDeps } from './sca-deps.ts';
import { timeoutRoute } from './timeout-route.ts';

const STYLE = readFileSync(new URL('./views/style.css', import.meta.url));

/**
 * The customer's steps at the bank (redirect SCA, seed "Récupérer votre jeton" step 3): online-banking id
 * (with a password when the bank runs a knowledge step), then the SMS code (RTS Art. 4), then the consent
 * choosing the accounts — or, on a payment approval (`/payment-approval/:id`), the payment step choosing the
 * debtor account. "Annuler"/"Refuser" (`action=deny`) at any step, an outage of the bank's systems, a
 * lockout or five minutes of inactivity send the customer back to the TPP with an error — the TPP always
 * gets them back.
 */
export function scaRoutes(app: FastifyInstance, deps: ScaDeps): void {
  loginStep(app, deps);
  otpStep(app, deps);
  consentStep(app, deps);
  paymentApprovalRoute(app, deps);
  paymentStep(app, deps);
  timeoutRoute(app, deps);
  app.get('/sca/style.css', { config: { audit: false } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(STYLE),
  );
}
