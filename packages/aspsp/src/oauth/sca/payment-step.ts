import type { FastifyInstance, FastifyReply } from 'fastify';
import { giveConsent } from '../../core/consent/give-consent.ts';
import { approvePayment, payableAccounts } from '../../core/payments/approve-payment.ts';
import type { PaymentRequest } from '../../core/payments/payment-request.ts';
import { CoreBankingUnavailable } from '../../core/ports/core-banking.ts';
import { finish, finishWithCode } from './finish.ts';
import { messages } from './messages.ts';
import { waitingRequest } from './payment-outcome.ts';
import { showPaymentStep } from './payment-page.ts';
import { isCancellation } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext, type ScaContext } from './session-context.ts';
import { PAYMENT_CHANGED, PAYMENT_NOT_WAITING, PAYMENT_REFUSED, UNAVAILABLE } from './step-outcomes.ts';

/** The debtor account of the approval, if the form (or the request) names one that can pay; else undefined. */
async function chosenDebtor(
  deps: ScaDeps,
  psuId: string,
  request: PaymentRequest,
  picked: string | undefined,
): Promise<string | undefined> {
  if (isCancellation(request)) return request.approval?.debtorIban;
  const wanted = request.requestedDebtorIban ?? picked;
  const payable = await payableAccounts(deps, psuId, request);
  return payable.find((account) => account.iban === wanted)?.iban;
}

/** A `pisp` consent on the debtor account; a cancellation keeps the one the payment was approved with. */
async function consentFor(
  deps: ScaDeps,
  context: ScaContext,
  request: PaymentRequest,
  debtorIban: string,
): Promise<string> {
  if (isCancellation(request)) return request.approval?.consentId ?? '';
  const { session } = context;
  const consent = await giveConsent(deps.consents, {
    psuId: session.psuId ?? '',
    establishment: session.establishment,
    clientId: session.clientId,
    scopes: ['pisp'],
    offered: [debtorIban],
    chosen: [debtorIban],
    scaAt: deps.now(),
  });
  return consent?.id ?? '';
}

/**
 * The approval itself: the core's `approvePayment` bound to what the pages showed (RTS Art. 5), then a
 * single-use authorization code bound to the consent and to the `successfulReportUrl` (STET 1.4.2
 * `o-confirmation`; no PKCE: the initiator never went through /authorize). True when it answered; false
 * when the account can no longer pay (the page is shown again). A boolean, never the reply (a reply is
 * thenable: awaiting it waits for the response).
 */
async function approved(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  request: PaymentRequest,
  debtorIban: string,
): Promise<boolean> {
  const { session } = context;
  const consentId = await consentFor(deps, context, request, debtorIban);
  const outcome = await approvePayment(deps, request, {
    psuId: session.psuId ?? '',
    debtorIban,
    shown: session.paymentBinding ?? '',
    consentId,
    exempted: session.exempted === true,
  });
  if ('refusal' in outcome) {
    if (outcome.refusal === 'account-not-payable') return false;
    const end = outcome.refusal === 'not-waiting' ? PAYMENT_NOT_WAITING : PAYMENT_CHANGED;
    await finish(reply, deps, session, end);
    return true;
  }
  await finishWithCode(reply, deps, session, consentId);
  return true;
}

/**
 * `POST /sca/payment`: the PSU approves the payment from the account chosen, or refuses it. The request must
 * still be the one the authentication was bound to (the session's `paymentBinding`, taken when the code was
 * sent, checked by the core's `approvePayment`, RTS Art. 5(1)(d)); a request changed since goes back to the
 * initiator unapproved, to be approved anew.
 */
export function paymentStep(app: FastifyInstance, deps: ScaDeps): void {
  app.post('/sca/payment', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'payment');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, PAYMENT_REFUSED);
    try {
      const payment = await waitingRequest(deps, session);
      if (!payment) return finish(reply, deps, session, PAYMENT_NOT_WAITING);
      const psuId = session.psuId ?? '';
      const debtorIban = await chosenDebtor(deps, psuId, payment, field(form, 'debtorAccount'));
      if (debtorIban && (await approved(reply, deps, context, payment, debtorIban))) return reply;
      await deps.sessions.update(session.id, { lastActivityAt: deps.now() });
      const error = messages(context.locale).noDebtorChosen;
      await showPaymentStep(reply, deps, context, { request: payment, psuId, error });
      return reply;
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, UNAVAILABLE);
      throw error;
    }
  });
}
