import type { FastifyReply } from 'fastify';
import { payableAccounts } from '../../core/payments/approve-payment.ts';
import type { PaymentRequest } from '../../core/payments/payment-request.ts';
import { isCancellation } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';
import { stepView } from './step-outcomes.ts';
import { type DebtorChoice, showPayment } from './step-pages.ts';

/** The debtor account: the one the initiator named, else the PSU's pick among the accounts that can pay. */
async function debtorChoice(deps: ScaDeps, psuId: string, request: PaymentRequest): Promise<DebtorChoice> {
  if (isCancellation(request)) {
    const iban = request.approval?.debtorIban ?? '';
    const account = (await deps.coreBanking.currentAccounts(psuId)).find((owned) => owned.iban === iban);
    return { debited: account ?? { iban, name: '' } };
  }
  const payable = await payableAccounts(deps, psuId, request);
  if (request.requestedDebtorIban === undefined) return { choose: payable };
  const named = payable[0];
  return named ? { debited: named } : { choose: [] };
}

/**
 * The payment step's page: the payment, and ONLY the accounts that can pay it as the `debtorAccount` choice
 * (`payableAccounts`), or the account the initiator named; none → the PSU can only refuse.
 */
export async function showPaymentStep(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  page: { readonly request: PaymentRequest; readonly psuId: string; readonly error?: string },
): Promise<FastifyReply> {
  const choice = await debtorChoice(deps, page.psuId, page.request);
  return showPayment(reply, deps, await stepView(deps, context, page.error, page.request), choice);
}
