import { addMoney, compareMoney, parseAmount } from '@openstet/protocol';
import { utcDate } from '../accounts/calendar-day.ts';
import { coversAmount } from '../funds/covers-amount.ts';
import type { CurrentAccount } from '../ports/core-banking.ts';
import { paymentBinding } from './payment-binding.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { rejectAll } from './payment-progress.ts';
import type { PaymentRequest, RejectionReason } from './payment-request.ts';
import { PAYMENT_RULES } from './payment-rules.ts';

/** The total of the instructions still to pay today (immediate ones), in the request's currency. */
function dueToday(request: PaymentRequest, today: string) {
  const currency = request.instructions[0]?.amount.currency ?? 'EUR';
  return request.instructions
    .filter((instruction) => instruction.status !== 'rejected' && instruction.executionDate <= today)
    .reduce((total, instruction) => addMoney(total, instruction.amount), parseAmount('0', currency));
}

/**
 * The PSU's accounts that can pay this request, the only ones the approval page offers: open, in the
 * request's currency, the one the initiator named if it named one, and able to cover today's payments
 * now (instant balance plus authorised overdraft, as a funds check reads it).
 */
export async function payableAccounts(
  deps: PaymentDeps,
  psuId: string,
  request: PaymentRequest,
): Promise<readonly CurrentAccount[]> {
  const currency = request.instructions[0]?.amount.currency;
  const due = dueToday(request, utcDate(deps.now()));
  const candidates = (await deps.coreBanking.currentAccounts(psuId)).filter(
    (account) =>
      account.status === 'open' &&
      account.currency === currency &&
      (request.requestedDebtorIban === undefined || account.iban === request.requestedDebtorIban),
  );
  const payable: CurrentAccount[] = [];
  for (const account of candidates) {
    const position = await deps.coreBanking.balances(account.iban);
    const nothingDue = compareMoney(due, parseAmount('0', due.currency)) === 0;
    if (position && (nothingDue || coversAmount(position, due))) payable.push(account);
  }
  return payable;
}

export interface PsuApproval {
  readonly psuId: string;
  readonly debtorIban: string;
  /**
   * What the PSU authenticated for: `paymentBinding('', instructions)` of the request as the pages showed it
   * when the SMS code was sent (amounts and payees, RTS Art. 5(1)); checked against the request now.
   */
  readonly shown: string;
  readonly consentId: string;
  readonly exempted: boolean;
}

export type ApprovalOutcome =
  | { readonly approved: PaymentRequest }
  | { readonly refusal: 'not-waiting' | 'account-not-payable' | 'changed-meanwhile' };

/**
 * The PSU approves on the bank's pages (after strong authentication, or an exemption the bank applied):
 * the request goes from `received` to `approved`, bound to the debtor account and to exactly what the
 * pages showed (RTS Art. 5). A cancellation waiting for the PSU is approved the same way.
 */
export async function approvePayment(
  deps: PaymentDeps,
  request: PaymentRequest,
  approval: PsuApproval,
): Promise<ApprovalOutcome> {
  if (request.modification && request.status === 'accepted') {
    if (request.approval?.psuId !== approval.psuId) return { refusal: 'not-waiting' };
    const modification = { ...request.modification, approvedAt: deps.now() };
    const changed = await deps.payments.change(request, { modification });
    return changed ? { approved: changed } : { refusal: 'changed-meanwhile' };
  }
  if (request.status !== 'received') return { refusal: 'not-waiting' };
  const payable = await payableAccounts(deps, approval.psuId, request);
  if (!payable.some((account) => account.iban === approval.debtorIban))
    return { refusal: 'account-not-payable' };
  if (paymentBinding('', request.instructions) !== approval.shown) return { refusal: 'changed-meanwhile' };
  const { shown: _shown, ...approved } = approval;
  const changed = await deps.payments.change(request, {
    status: 'approved',
    // What the PSU approved: the account and every instruction; a request changed since needs a new approval.
    approval: {
      ...approved,
      binding: paymentBinding(approval.debtorIban, request.instructions),
      approvedAt: deps.now(),
    },
    // The initiator has as long to confirm as the PSU had to approve: an approval does not wait forever.
    approvalDeadline: new Date(deps.now().getTime() + PAYMENT_RULES.approvalMinutes * 60_000),
  });
  return changed ? { approved: changed } : { refusal: 'changed-meanwhile' };
}

/**
 * The PSU refused, did not answer in time, or failed the authentication: the request is rejected with
 * that reason. A cancellation waiting for the PSU is dropped instead; the request goes on.
 */
export async function refusePayment(
  deps: PaymentDeps,
  request: PaymentRequest,
  reason: Extract<RejectionReason, 'customer-refused' | 'no-answer' | 'authentication-failed'>,
): Promise<PaymentRequest | undefined> {
  if (request.modification && request.status === 'accepted')
    return deps.payments.change(request, { modification: undefined });
  if (request.status !== 'received') return request;
  return deps.payments.change(request, {
    status: 'rejected',
    reason,
    instructions: rejectAll(request.instructions, reason),
  });
}
