import type { StetErrorCode } from '../errors/error-codes.ts';
import type { StetOperation } from './operation.ts';
import type { StetParameterId } from './parameters.ts';
import { HalPaymentCoverageReport, PaymentCoverageRequestResource } from './schemas/funds-confirmation.ts';

/** The headers of every STET call, required ones first (STET Part I §3.4 and §3.5). */
const SIGNED_CALL: readonly StetParameterId[] = [
  'AuthorizationParameter',
  'SignatureHeader',
  'Correlation',
  'DateHeader',
  'PsuIpAddressHeader',
  'PsuIpPortHeader',
  'PsuHttpMethodHeader',
  'PsuDateHeader',
  'PsuGeoLocation',
  'PsuUserAgentHeader',
  'PsuRefererHeader',
  'PsuAcceptHeader',
  'PsuAcceptCharsetHeader',
  'PsuAcceptEncodingHeader',
  'PsuAcceptLanguageHeader',
  'PsuDeviceId',
];

/** The headers a call with a body adds, both required and signed by openstet (STET Part I §3.5). */
const WITH_BODY: readonly StetParameterId[] = ['DigestHeader', 'ContentTypeHeader'];

/** What the request pipeline itself may answer before an endpoint runs (stet-endpoint's steps 1 to 5). */
const PIPELINE_ERRORS: readonly StetErrorCode[] = [
  'HEADER_INVALID',
  'SIGNATURE_INVALID',
  'DIGEST_INVALID',
  'REQUEST_REPLAYED',
  'BAD_REQUEST',
  'CERTIFICATE_REQUIRED',
  'TOKEN_INVALID',
  'CERTIFICATE_INVALID',
  'CERTIFICATE_REVOKED',
  'TPP_NOT_LICENSED',
  'LICENCE_WITHDRAWN',
  'ROLE_MISSING',
  'BADS',
  'NIMP',
  'MISDIRECTED_REQUEST',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TMRQ',
  'INTE',
  'REVOCATION_UNAVAILABLE',
];

const HAL_JSON = 'application/hal+json; charset=utf-8';

/**
 * The operations the bank serves today. AISP (`accountsGet`, …) and PISP (`paymentRequestsPost`, …)
 * operations join this table as they are built; the OpenAPI documents list only what is here as paths.
 */
export const STET_OPERATIONS = Object.freeze([
  {
    id: 'fundsConfirmationsPost',
    summary: 'Payment coverage check request',
    description:
      'The CBPII (PIISP in 1.4.0.47) asks whether an amount can be covered by the funds available on a PSU account the PSU consented to. The answer echoes the request with a boolean result; no funds are reserved. This bank identifies accounts by IBAN only and does not convert currencies (AM03).',
    tags: { v1: 'PIISP', 'v1.4.2': 'CBPII' },
    method: 'POST',
    path: '/funds-confirmations',
    versions: ['v1', 'v1.4.2'],
    role: 'PSP_IC',
    // The seed: scope piisp on v1, cbpii on v1.4.2; one role, so either token works on both.
    scopes: ['cbpii', 'piisp'],
    flows: ['authorizationCode'],
    signedResponse: true,
    parameters: [...SIGNED_CALL, ...WITH_BODY],
    requestBody: {
      name: 'paymentCoverage',
      required: true,
      schemas: { v1: PaymentCoverageRequestResource.v1, 'v1.4.2': PaymentCoverageRequestResource['v1.4.2'] },
    },
    responses: {
      success: {
        status: 200,
        description: 'payment coverage report',
        mediaType: HAL_JSON,
        schemas: { v1: HalPaymentCoverageReport.v1, 'v1.4.2': HalPaymentCoverageReport['v1.4.2'] },
        headers: ['Digest', 'Signature'],
      },
      errors: ['FF01', 'AC01', 'AC04', 'AM03', 'AC06', 'NGAC', 'IPSU', 'INTS', ...PIPELINE_ERRORS],
    },
  },
] as const satisfies readonly StetOperation[]);

/** STET's operationIds of the operations served. */
export type StetOperationId = (typeof STET_OPERATIONS)[number]['id'];

/** The operation with STET's operationId `id`; throws for an unknown id (a programming error). */
export function stetOperation(id: StetOperationId): StetOperation {
  const operation = (STET_OPERATIONS as readonly StetOperation[]).find((candidate) => candidate.id === id);
  if (!operation) throw new Error(`No STET operation ${id}`);
  return operation;
}
