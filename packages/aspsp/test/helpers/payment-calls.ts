import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { issueEidasCertificate, type KeyAndCertificate, type StetVersion } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import type { InjectApp } from './inject-app.ts';
import { token } from './journey.ts';
import type { TppCredentials } from './pki.ts';
import { proxyCertificateHeader, signedHeaders } from './tpp-request.ts';

/** A payment initiator whose QWAC and QSealC carry PSP_PI (and PSP_AI, to hold an AISP token too). */
export async function pispCredentials(
  ca: KeyAndCertificate,
  organizationIdentifier = 'PSDFR-ACPR-24680',
  name = 'PayNow',
): Promise<TppCredentials> {
  const subject = { organizationIdentifier, organizationName: name, roles: ['PSP_PI', 'PSP_AI'] } as const;
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(ca, { kind: 'qsealc', ...subject }),
  ]);
  return { organizationIdentifier, name, qwac, qseal };
}

/** A client-credentials `pisp` access token (STET Part I §3.4.3). */
export async function pispToken(bank: InjectApp, tpp: TppCredentials): Promise<string> {
  const response = await token(bank, tpp, { grant_type: 'client_credentials', scope: 'pisp' });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().access_token;
}

export const CREDITOR_IBAN = 'FR7630006000011234567890189';
export const PAYMENT_REQUESTS = (version: StetVersion) => `/stet/psd2/${version}/payment-requests`;

type Json = Record<string, unknown>;

/**
 * A valid PaymentRequestResource of `version`: one SEPA credit transfer of 50 EUR to a merchant, REDIRECT,
 * https call-backs; `instructions` more make a bulk request.
 */
export function paymentBody(
  version: StetVersion,
  reference = randomUUID().slice(0, 35),
  instructions = 1,
): Json {
  const transfer = (index: number) => ({
    paymentId: { instructionId: `INSTR-${index + 1}`, endToEndId: `E2E-${index + 1}` },
    instructedAmount: { currency: 'EUR', amount: version === 'v1' ? '50.00' : 50 },
    remittanceInformation: version === 'v1' ? ['Order 42'] : { unstructured: ['Order 42'] },
  });
  return {
    paymentInformationId: reference,
    creationDateTime: new Date().toISOString(),
    numberOfTransactions: instructions,
    initiatingParty: { name: 'PayNow' },
    paymentTypeInformation: { serviceLevel: 'SEPA', categoryPurpose: 'DVPM' },
    beneficiary: { creditor: { name: 'Boulangerie Martin' }, creditorAccount: { iban: CREDITOR_IBAN } },
    creditTransferTransaction: Array.from({ length: instructions }, (_, index) => transfer(index)),
    supplementaryData: {
      acceptedAuthenticationApproach: ['REDIRECT'],
      successfulReportUrl: 'https://paynow.example/payment/ok',
      unsuccessfulReportUrl: 'https://paynow.example/payment/ko',
    },
  };
}

export interface PispCall {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path and query, as on the request line. */
  readonly url: string;
  /** A JSON value, or the body's text as given. */
  readonly body?: unknown;
  /** The signed `Date` (the bank's clock when a test moves it). */
  readonly date?: Date;
}

/** A signed STET call with a Bearer token over the TPP's QWAC (Digest and Content-Type signed with a body). */
export async function pispCall(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string,
  call: PispCall,
): Promise<LightMyRequestResponse> {
  const payload =
    call.body === undefined
      ? undefined
      : typeof call.body === 'string'
        ? call.body
        : JSON.stringify(call.body);
  const headers = await signedHeaders(tpp, {
    method: call.method,
    url: call.url,
    ...(payload !== undefined ? { body: payload } : {}),
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(call.date ? { date: call.date.toUTCString() } : {}),
    },
  });
  return bank.app.mtls.inject({
    method: call.method,
    url: call.url,
    ...(payload !== undefined ? { payload } : {}),
    headers: { ...headers, ...proxyCertificateHeader(tpp.qwac.certificatePem) },
  });
}

/** `status error: message` of an ErrorModel answer, or `status` alone for a success. */
export function outcomeOf(response: LightMyRequestResponse): string {
  if (response.statusCode < 400) return String(response.statusCode);
  const error = response.json();
  return `${response.statusCode} ${error.error}: ${error.message}`;
}
