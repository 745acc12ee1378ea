import { Errors } from '../../../http/api-error.ts';

type Json = Readonly<Record<string, unknown>>;

/** What a payment request asks of the bank as a whole, once the bank checked it can do it. */
export interface PaymentTerms {
  /** SEPA Instant (`localInstrument: INST`): settled at confirmation, or rejected. */
  readonly instant: boolean;
  readonly successUrl: string;
  readonly failureUrl: string;
  /** `scaHint: scaExemption` (STET CR1): the PISP asks for an exemption, the bank decides (RTS Art. 13). */
  readonly exemptionRequested: boolean;
}

const refused = (message: string) => Errors.invalidBody(message);

/**
 * A call-back URL (STET: "Both call-back URLS must be used in a TLS-secured request"), as the PSU's browser
 * will be sent to it with a query added: https, no fragment (RFC 6749 §3.1.2).
 */
function callbackUrl(text: string, field: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused(`${field} must be an https URL`);
  }
  if (url.protocol !== 'https:')
    throw refused(`${field} must be an https URL (STET: TLS-secured call-backs)`);
  if (url.hash !== '') throw refused(`${field} must have no #fragment (RFC 6749 §3.1.2)`);
  return url.href;
}

/** SEPA credit transfers only (SEPA rulebook: charges shared, SLEV), standard or instant. */
function checkInstrument(body: Json): boolean {
  const type = body.paymentTypeInformation as Json;
  if (type.serviceLevel !== undefined && type.serviceLevel !== 'SEPA')
    throw refused(
      'paymentTypeInformation.serviceLevel must be SEPA: this bank initiates SEPA credit transfers only',
    );
  if (type.localInstrument !== undefined && type.localInstrument !== 'INST')
    throw refused(
      'paymentTypeInformation.localInstrument must be INST (SEPA Instant) or absent (SEPA credit transfer)',
    );
  if (body.chargeBearer !== undefined && body.chargeBearer !== 'SLEV')
    throw refused('chargeBearer must be SLEV: SEPA credit transfers share the charges');
  return type.localInstrument === 'INST';
}

/**
 * The terms of a payment request the schema accepted, or 400 FF01 naming what this bank does not do: other
 * than SEPA credit transfers, an authentication approach other than REDIRECT (the PSU approves on the bank's
 * pages; no EMBEDDED nor DECOUPLED), call-back URLs that are not https. Without `unsuccessfulReportUrl`,
 * `successfulReportUrl` serves for every outcome (STET §4.5).
 */
export function paymentTerms(body: Json): PaymentTerms {
  const instant = checkInstrument(body);
  const data = body.supplementaryData as Json;
  const approaches = (data.acceptedAuthenticationApproach as readonly string[] | undefined) ?? [];
  if (!approaches.includes('REDIRECT'))
    throw refused(
      'supplementaryData.acceptedAuthenticationApproach must include REDIRECT: the only approach of this bank',
    );
  if (data.successfulReportUrl === undefined)
    throw refused('supplementaryData.successfulReportUrl is missing: the https URL the PSU returns to');
  const successUrl = callbackUrl(data.successfulReportUrl as string, 'supplementaryData.successfulReportUrl');
  const failureUrl =
    data.unsuccessfulReportUrl === undefined
      ? successUrl
      : callbackUrl(data.unsuccessfulReportUrl as string, 'supplementaryData.unsuccessfulReportUrl');
  return { instant, successUrl, failureUrl, exemptionRequested: data.scaHint === 'scaExemption' };
}
