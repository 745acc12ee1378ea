import type { StetErrorCode } from '../errors/error-codes.ts';
import type { StetOperation } from './operation.ts';
import type { StetParameterId } from './parameters.ts';
import { HalAccounts } from './schemas/account-list.ts';
import { HalBalances } from './schemas/balance.ts';
import { HalBeneficiaries } from './schemas/beneficiary.ts';
import { Access } from './schemas/consent.ts';
import { HalEndUserIdentity } from './schemas/end-user-identity.ts';
import { HalPaymentCoverageReport, PaymentCoverageRequestResource } from './schemas/funds-confirmation.ts';
import { PaymentRequestResource } from './schemas/payment-request.ts';
import {
  ConfirmationResource,
  HalPaymentRequest,
  HalPaymentRequestCreation,
} from './schemas/payment-request-responses.ts';
import { HalTransactions } from './schemas/transaction.ts';

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

/** What every AISP operation shares: role, scope, flow, and no signature on the answer (STET: X-Request-ID only). */
const AISP_READ = {
  tags: { v1: 'AISP', 'v1.4.2': 'AISP' },
  method: 'GET',
  versions: ['v1', 'v1.4.2'],
  role: 'PSP_AI',
  scopes: ['aisp'],
  flows: ['authorizationCode'],
  signedResponse: false,
} as const;

/** The refusals of a read on one account (ADR 0006), besides the pipeline's. */
const ACCOUNT_READ_ERRORS = ['NOT_FOUND', 'NGAC', 'INTS', ...PIPELINE_ERRORS] as const;

/**
 * What every PISP operation shares (STET §4.5–4.7): role, a client-credentials `pisp` token, and the
 * bank's signature on every 2xx answer (CR199).
 */
const PISP_CALL = {
  tags: { v1: 'PISP', 'v1.4.2': 'PISP' },
  versions: ['v1', 'v1.4.2'],
  role: 'PSP_PI',
  scopes: ['pisp'],
  flows: ['clientCredentials'],
  signedResponse: true,
} as const;

const PAYMENT_REQUEST_BODY = {
  name: 'paymentRequest',
  required: true,
  schemas: { v1: PaymentRequestResource.v1, 'v1.4.2': PaymentRequestResource['v1.4.2'] },
} as const;

const CONFIRMATION_BODY = {
  name: 'confirmationRequest',
  required: false,
  schemas: { v1: ConfirmationResource.v1, 'v1.4.2': ConfirmationResource['v1.4.2'] },
} as const;

const PAYMENT_REQUEST_ANSWER = {
  status: 200,
  description: 'the payment request, its status and the status of each instruction',
  mediaType: HAL_JSON,
  schemas: { v1: HalPaymentRequest.v1, 'v1.4.2': HalPaymentRequest['v1.4.2'] },
  headers: ['Digest', 'Signature'],
} as const;

const CONFIRMATION_ERRORS = [
  'FF01',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYMENT_NOT_APPROVED',
  'CONFLICT',
  ...PIPELINE_ERRORS,
] as const;

/** What a confirmation does, on both of its paths. */
const CONFIRMATION_TEXT =
  'The bank executes nothing before the PSU approved the request at the consentApproval link (409 PAYMENT_NOT_APPROVED before) and the PISP confirmed it: the request is then accepted (ACSP), what is due today is debited at once (an instant payment settles, ACSC, or is rejected), later dates and standing orders run on their dates. A second confirmation is 409 CONFLICT: a payment executes once. A cancellation the PSU approved is applied by a confirmation too. The body may be {}; psuAuthenticationFactor (EMBEDDED) is not supported, and no nonce is issued or checked (REDIRECT only).';

/**
 * The operations the bank serves: funds confirmation, AISP and PISP. The OpenAPI documents list only what
 * is here as paths.
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
  {
    id: 'accountsGet',
    summary: 'Retrieval of the PSU accounts (AISP)',
    description:
      'The accounts the PSU made available to the AISP at the bank (ticked on the consent page), with links to the reads consented on each. No account is 200 with an empty list, never 204.',
    ...AISP_READ,
    path: '/accounts',
    parameters: SIGNED_CALL,
    responses: {
      success: {
        status: 200,
        description: 'the PSU accounts',
        mediaType: HAL_JSON,
        schemas: { v1: HalAccounts.v1, 'v1.4.2': HalAccounts['v1.4.2'] },
        headers: [],
      },
      errors: ['NGAC', 'INTS', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'accountsBalancesGet',
    summary: 'Retrieval of an account balances report (AISP)',
    description:
      'The booked balance (CLBD, "Solde") and the instant balance (XPCD, "solde minute": booked minus the card payments not yet booked), the balance funds checks use. 404 for an id that is not one of the PSU\'s accounts, 403 NGAC for one outside the consent.',
    ...AISP_READ,
    path: '/accounts/{accountResourceId}/balances',
    parameters: [...SIGNED_CALL, 'AccountResourceIdentification'],
    responses: {
      success: {
        status: 200,
        description: 'the balances of the account',
        mediaType: HAL_JSON,
        schemas: { v1: HalBalances.v1, 'v1.4.2': HalBalances['v1.4.2'] },
        headers: [],
      },
      errors: ACCOUNT_READ_ERRORS,
    },
  },
  {
    id: 'accountsTransactionsGet',
    summary: 'Retrieval of an account transaction set (AISP)',
    description:
      'Booked and pending entries, newest first, 50 a page, linked by opaque cursors (first, next, prev, last) that never show an entry twice nor skip one while new entries are booked. Without dateFrom the last 90 days; without the extended_transaction_history scope never more than 90 days (an earlier dateFrom is clamped). dateFrom is inclusive, dateTo exclusive; entry references are digits.',
    ...AISP_READ,
    path: '/accounts/{accountResourceId}/transactions',
    parameters: [
      ...SIGNED_CALL,
      'AccountResourceIdentification',
      'FromImputationDate',
      'ToImputationDate',
      'AfterEntryReference',
      'EntryReferenceFrom',
      'EntryReferenceTo',
      'PageCursor',
    ],
    responses: {
      success: {
        status: 200,
        description: 'one page of the transactions of the account',
        mediaType: HAL_JSON,
        schemas: { v1: HalTransactions.v1, 'v1.4.2': HalTransactions['v1.4.2'] },
        headers: [],
      },
      errors: ['FF01', ...ACCOUNT_READ_ERRORS],
    },
  },
  {
    id: 'consentsPut',
    summary: 'Forwarding the PSU consent (AISP)',
    description:
      'The AISP forwards which accounts it reads the balances and the transactions of, and whether it reads the trusted beneficiaries and the PSU identity. It replaces the previous access. It may narrow what the PSU made available at the bank, never widen it: an account outside that is 403 NGAC and nothing changes. Before any, balances and transactions of every account made available, neither beneficiaries nor identity.',
    ...AISP_READ,
    method: 'PUT',
    path: '/consents',
    parameters: [...SIGNED_CALL, ...WITH_BODY],
    requestBody: { name: 'access', required: true, schemas: { v1: Access.v1, 'v1.4.2': Access['v1.4.2'] } },
    responses: {
      success: { status: 201, description: 'the access is recorded', mediaType: HAL_JSON, headers: [] },
      errors: ['FF01', 'AC01', 'NGAC', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'trustedBeneficiariesGet',
    summary: 'Retrieval of the trusted beneficiaries list (AISP)',
    description:
      'The beneficiaries the PSU trusts at the bank, when the AISP forwarded trustedBeneficiaries: true with PUT /consents (else 403 NGAC). None is 200 with an empty list.',
    ...AISP_READ,
    path: '/trusted-beneficiaries',
    parameters: SIGNED_CALL,
    responses: {
      success: {
        status: 200,
        description: 'the trusted beneficiaries',
        mediaType: HAL_JSON,
        schemas: { v1: HalBeneficiaries.v1, 'v1.4.2': HalBeneficiaries['v1.4.2'] },
        headers: [],
      },
      errors: ['NGAC', 'INTS', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'endUserIdentityGet',
    summary: 'Retrieval of the identity of the end-user (AISP)',
    description:
      'The first and last name of the PSU, when the AISP forwarded psuIdentity: true with PUT /consents (else 403 NGAC). STET 1.4.0.47 gives it as connectedPsu in GET /accounts.',
    ...AISP_READ,
    tags: { 'v1.4.2': 'AISP' },
    versions: ['v1.4.2'],
    path: '/end-user-identity',
    parameters: SIGNED_CALL,
    responses: {
      success: {
        status: 200,
        description: 'the identity of the PSU',
        mediaType: HAL_JSON,
        schemas: { 'v1.4.2': HalEndUserIdentity },
        headers: [],
      },
      errors: ['NGAC', 'INTS', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'paymentRequestsPost',
    summary: 'Payment request initiation (PISP)',
    description:
      'The PISP posts a payment request (a merchant payment, a transfer or a standing order) with a client-credentials token; the PSU approves it at the bank (REDIRECT: _links.consentApproval, then successfulReportUrl or unsuccessfulReportUrl), then the PISP confirms it. This bank takes SEPA credit transfers in EUR (serviceLevel SEPA; localInstrument absent or INST for an instant payment), 1 to 10 instructions (numberOfTransactions must count them), an execution date from today to 365 days ahead, standing orders (frequency, endDate, executionRule), accounts named by IBAN only. acceptedAuthenticationApproach must include REDIRECT; successfulReportUrl is required and https. The PSU has 15 minutes to approve, then the request is rejected (RJCT NOAS). The same paymentInformationId within 24 hours gives back the same request (201, same Location), or 409 CONFLICT if the request differs. On 1.4.2, ui_locales (fr, en) sets the language of the approval pages.',
    ...PISP_CALL,
    method: 'POST',
    path: '/payment-requests',
    parameters: [...SIGNED_CALL, ...WITH_BODY, 'UiLocales'],
    requestBody: PAYMENT_REQUEST_BODY,
    responses: {
      success: {
        status: 201,
        description: 'the payment request is recorded; Location is its URL',
        mediaType: HAL_JSON,
        schemas: { v1: HalPaymentRequestCreation.v1, 'v1.4.2': HalPaymentRequestCreation['v1.4.2'] },
        headers: ['Location', 'Digest', 'Signature'],
      },
      errors: ['FF01', 'AC01', 'AM03', 'CONFLICT', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'paymentRequestsGet',
    summary: 'Retrieval of a payment request (PISP)',
    description:
      "The payment request as the PISP posted it, with the resource ids the bank gave, its status (RCVD waiting for the PSU, ACTC approved and waiting for the confirmation, ACSP confirmed and executing, ACSC settled, PART some instructions rejected and the rest settled, RJCT with a reason: CUST refused by the PSU, NOAS unanswered, DS02 cancelled, AC06 debtor account blocked or closed at execution, MS03 refused by the bank: a failed authentication, or short of funds with fundsAvailability false), the debtor account the PSU chose and each instruction's status. The confirmation link appears only while a confirmation is awaited. Kept 400 days (STET: at least 30), on the STET version it was posted on (the other version's path is 404). Another PISP's request is 404.",
    ...PISP_CALL,
    method: 'GET',
    path: '/payment-requests/{paymentRequestResourceId}',
    parameters: [...SIGNED_CALL, 'PaymentRequestResourceIdentification'],
    responses: { success: PAYMENT_REQUEST_ANSWER, errors: ['NOT_FOUND', ...PIPELINE_ERRORS] },
  },
  {
    id: 'paymentRequestPut',
    summary: 'Cancellation of a payment request or of some of its instructions (PISP)',
    description:
      "The whole payment request again, with paymentInformationStatus RJCT and statusReasonInformation DS02 to cancel it all, or transactionStatus RJCT and statusReasonInformation DS02 on the instructions to cancel. No other change is allowed (STET): any other field that differs from the request is 400 naming it. Before the PSU approved, or the whole of a request not yet confirmed, the cancellation applies at once. Some instructions of an approved request need a new approval of the rest; a confirmed request (a date to come, a standing order) needs the PSU's approval of the cancellation at _links.consentApproval, then a confirmation. A settled or rejected request is 409 CONFLICT.",
    ...PISP_CALL,
    method: 'PUT',
    path: '/payment-requests/{paymentRequestResourceId}',
    parameters: [...SIGNED_CALL, ...WITH_BODY, 'PaymentRequestResourceIdentification'],
    requestBody: PAYMENT_REQUEST_BODY,
    responses: {
      success: {
        status: 200,
        description: 'the cancellation is applied, or waits for the PSU at _links.consentApproval',
        mediaType: HAL_JSON,
        schemas: { v1: HalPaymentRequestCreation.v1, 'v1.4.2': HalPaymentRequestCreation['v1.4.2'] },
        headers: ['Digest', 'Signature'],
      },
      errors: ['FF01', 'AC01', 'NOT_FOUND', 'CONFLICT', ...PIPELINE_ERRORS],
    },
  },
  {
    id: 'paymentRequestConfirmationPost',
    summary: 'Confirmation of a payment request or a modification request (PISP)',
    description: `The PISP confirms with its client-credentials token. ${CONFIRMATION_TEXT}`,
    ...PISP_CALL,
    method: 'POST',
    path: '/payment-requests/{paymentRequestResourceId}/confirmation',
    parameters: [...SIGNED_CALL, ...WITH_BODY, 'PaymentRequestResourceIdentification'],
    requestBody: CONFIRMATION_BODY,
    responses: { success: PAYMENT_REQUEST_ANSWER, errors: CONFIRMATION_ERRORS },
  },
  {
    id: 'paymentRequestOConfirmationPost',
    summary:
      'Confirmation of a payment request or a modification request using an OAUTH2 Authorization code grant (PISP)',
    description: `The PISP confirms with the access token it obtained from the code the bank gave at successfulReportUrl after the PSU's approval (authorization-code grant, redirect_uri = successfulReportUrl): the token must come from this request's approval (403 FORBIDDEN otherwise, or for a client-credentials token). ${CONFIRMATION_TEXT}`,
    ...PISP_CALL,
    tags: { 'v1.4.2': 'PISP' },
    versions: ['v1.4.2'],
    flows: ['authorizationCode'],
    method: 'POST',
    path: '/payment-requests/{paymentRequestResourceId}/o-confirmation',
    parameters: [...SIGNED_CALL, ...WITH_BODY, 'PaymentRequestResourceIdentification'],
    requestBody: CONFIRMATION_BODY,
    responses: { success: PAYMENT_REQUEST_ANSWER, errors: CONFIRMATION_ERRORS },
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
