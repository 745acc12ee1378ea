import type { StetVersion } from '@openstet/protocol';
import { versionedAmount } from '../versioned-amount.ts';

/**
 * HalPaymentCoverageReport (STET 1.4.0.47): the request echoed back, the boolean `result`, and
 * `_links.self` (seed example answer). Only the PaymentCoverageRequestResource's own fields are echoed,
 * from a body `parseFundsRequest` accepted: the bank's seal never signs what else a TPP put in the body.
 * Serialised here so the signed Digest covers exactly these bytes.
 */
export function halCoverageReport(
  body: Record<string, unknown>,
  result: boolean,
  version: StetVersion,
  self: string,
): string {
  const instructed = body.instructedAmount as Record<string, unknown>;
  const account = body.accountId as Record<string, unknown>;
  const request = {
    paymentCoverageRequestId: body.paymentCoverageRequestId,
    ...(body.payee !== undefined ? { payee: body.payee } : {}),
    instructedAmount: {
      currency: instructed.currency,
      amount: versionedAmount(instructed.amount, version),
    },
    accountId: { iban: account.iban },
  };
  return JSON.stringify({ request, result, _links: { self: { href: self } } });
}
