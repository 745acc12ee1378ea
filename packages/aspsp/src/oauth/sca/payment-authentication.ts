import { normaliseIban } from '@openstet/protocol';
import type { FastifyReply } from 'fastify';
import { paymentBinding } from '../../core/payments/payment-binding.ts';
import type { PaymentRequest } from '../../core/payments/payment-request.ts';
import type { PsuProfile } from '../../core/ports/core-banking.ts';
import { finish } from './finish.ts';
import { waitingRequest } from './payment-outcome.ts';
import { showPaymentStep } from './payment-page.ts';
import { concernedInstructions, transactionToSign } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';
import { PAYMENT_NOT_WAITING, stepView } from './step-outcomes.ts';
import { showOtp } from './step-pages.ts';

/**
 * RTS Art. 13: the bank may skip the SCA for payees the PSU put on its trusted beneficiaries list. It does
 * when the initiator asked for it (STET `scaHint: scaExemption`) and every payee is on the list; the bank
 * decides, the initiator only asks. Art. 13 waives the second factor, not the authentication: only a bank
 * whose login checks a knowledge factor (a password with the id) applies it. Where the login is the
 * online-banking id alone, which is no secret, the SMS code is always asked.
 */
async function exemptionApplies(deps: ScaDeps, psuId: string, request: PaymentRequest): Promise<boolean> {
  const instructions = concernedInstructions(request);
  if (!deps.strongAuthentication.knowledge) return false;
  if (!request.exemptionRequested || instructions.length === 0) return false;
  const trusted = new Set(
    (await deps.coreBanking.trustedBeneficiaries(psuId)).map((beneficiary) =>
      normaliseIban(beneficiary.iban),
    ),
  );
  return instructions.every((instruction) => trusted.has(normaliseIban(instruction.creditor.iban)));
}

/**
 * A payment approval once the PSU is identified: the exemption for trusted beneficiaries goes straight to the
 * payment step; otherwise the SMS code is sent for the amount and payees shown (RTS Art. 5(1)(a), dynamic
 * linking). Either way the session keeps the binding of the request as it was then: the approval checks that
 * the request has not changed since (Art. 5(1)(d)).
 */
export async function authenticatePayer(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  psu: PsuProfile,
): Promise<FastifyReply> {
  const { session } = context;
  const request = await waitingRequest(deps, session);
  if (!request) return finish(reply, deps, session, PAYMENT_NOT_WAITING);
  const identified = {
    psuId: psu.psuId,
    failures: 0,
    lastActivityAt: deps.now(),
    paymentBinding: paymentBinding('', request.instructions),
  };
  if (await exemptionApplies(deps, psu.psuId, request)) {
    await deps.sessions.update(session.id, { ...identified, step: 'payment', exempted: true });
    return showPaymentStep(reply, deps, context, { request, psuId: psu.psuId });
  }
  const challenge = await deps.strongAuthentication.challenge(psu, transactionToSign(request));
  await deps.sessions.update(session.id, {
    ...identified,
    step: 'otp',
    otpDestination: challenge.maskedDestination,
  });
  return showOtp(reply, deps, await stepView(deps, context, undefined, request), challenge.maskedDestination);
}
