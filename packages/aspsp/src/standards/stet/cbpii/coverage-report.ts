import type { StetVersion } from '@openstet/protocol';

/**
 * The amount as the version's schema types it: a string on 1.4.0.47, a number on 1.4.2. Amounts with
 * at most 15 significant digits (every EUR amount STET allows) are exact as JSON numbers; a longer one
 * stays a string rather than lose a cent.
 */
function versionedAmount(amount: unknown, version: StetVersion): unknown {
  const text = String(amount);
  if (version === 'v1') return text;
  const number = Number(text);
  return Number.isFinite(number) && text.replace(/^-?0*|\.|0+$/g, '').length <= 15 ? number : text;
}

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
