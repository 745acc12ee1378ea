import type { StetVersion } from '@openstet/protocol';
import type { CallOptions } from '../client-options.ts';
import type { StoredTokens } from '../token-store.ts';
import { withCancellation } from './payment-cancellation.ts';
import { type PaymentOrder, type PaymentRequestResource, paymentRequestResource } from './payment-order.ts';
import { type PaymentRequestStatus, paymentRequestStatus } from './payment-status.ts';
import type { StetCall } from './stet-call.ts';

/** STET 1.4.2 by default, `version: 'v1'` for 1.4.0.47; `tokenKey` keeps your client-credentials token. */
export type PaymentCallOptions = CallOptions & { readonly version?: StetVersion };

/** Where the SDK keeps the TPP's client-credentials token for the PISP calls, unless told another key. */
export const PISP_TOKEN_KEY = 'pisp';

export interface CreatedPaymentRequest {
  /** The bank's id of the request (the last segment of its `Location`): for the other calls. */
  readonly id: string;
  readonly location: string;
  /** Where to send the customer's browser to approve it (STET `_links.consentApproval`, REDIRECT). */
  readonly approvalUrl: string | undefined;
  /** The resource as sent: posting it again (same `paymentInformationId`) gives back this request. */
  readonly sent: PaymentRequestResource;
  readonly raw: unknown;
  readonly requestId: string;
}

export interface ConfirmOptions extends PaymentCallOptions {
  /**
   * Confirms with the customer's authorization-code token (`POST …/o-confirmation`, STET 1.4.2) instead of
   * your client-credentials token: the `code` the bank added to `successfulReportUrl`, exchanged here at
   * `/token` with `redirect_uri` = that URL, the token kept under `tokenKey` (default `o-confirmation`).
   */
  readonly oConfirmation?: {
    readonly code: string;
    readonly redirectUri: string;
    readonly tokenKey?: string;
  };
}

export interface CancelOptions extends PaymentCallOptions {
  /** The `instructionId`s to cancel; the whole request when absent. */
  readonly instructions?: readonly string[];
}

export interface CancellationAnswer {
  /** Set when the customer must approve the cancellation (a confirmed request): then `confirm` it. */
  readonly approvalUrl: string | undefined;
  readonly raw: unknown;
  readonly requestId: string;
}

export interface PaymentRequestDeps {
  /** Calls with the TPP's client-credentials token (scope `pisp`). */
  readonly call: StetCall;
  /** Calls with a customer's token (`o-confirmation`). */
  readonly customerCall: StetCall;
  readonly exchangeCode: (request: {
    code: string;
    redirectUri: string;
    tokenKey?: string;
  }) => Promise<StoredTokens>;
  readonly clientId: string;
  readonly now: () => Date;
}

type Json = Record<string, unknown>;
type Name = 'paymentRequests' | 'paymentRequest' | 'paymentRequestPut' | 'confirmation';
const named = (name: Name, version: StetVersion | undefined) =>
  version === 'v1' ? (`${name}V1` as const) : name;
const pathOf = (id: string) => `/payment-requests/${encodeURIComponent(id)}`;
const hrefOf = (links: unknown, name: string) => {
  const href = (links as Record<string, { href?: unknown } | undefined> | undefined)?.[name]?.href;
  return typeof href === 'string' ? href : undefined;
};

/** The request id in a `Location` (STET: `…/payment-requests/{paymentRequestResourceId}`). */
function createdId(location: string | string[] | undefined): { id: string; location: string } {
  const href = Array.isArray(location) ? location[0] : location;
  const segment = href && new URL(href, 'https://bank.invalid').pathname.split('/').filter(Boolean).pop();
  if (!href || !segment) throw new Error('The bank answered 201 without a Location (STET): no request id');
  return { id: decodeURIComponent(segment), location: href };
}

/**
 * The PISP operations (PSD2 Art. 66): a payment request the customer approves at their bank, then your
 * confirmation, the status, the cancellation. Every 2xx answer is signed by the bank (STET CR199) and
 * checked when `bankSealCertificate` is configured.
 */
export function paymentRequestMethods(deps: PaymentRequestDeps) {
  const pisp = (options: PaymentCallOptions) => ({
    ...options,
    tokenKey: options.tokenKey ?? PISP_TOKEN_KEY,
  });

  async function getPaymentRequest(
    id: string,
    options: PaymentCallOptions = {},
  ): Promise<PaymentRequestStatus> {
    const answer = await deps.call(
      named('paymentRequest', options.version),
      undefined,
      pisp(options),
      pathOf(id),
    );
    return paymentRequestStatus(id, answer.json, answer.requestId);
  }

  async function oConfirm(
    id: string,
    options: ConfirmOptions,
    code: NonNullable<ConfirmOptions['oConfirmation']>,
  ) {
    if (options.version === 'v1')
      throw new TypeError('o-confirmation exists in STET 1.4.2 only: confirm on v1');
    const tokenKey = code.tokenKey ?? 'o-confirmation';
    await deps.exchangeCode({ code: code.code, redirectUri: code.redirectUri, tokenKey });
    return deps.customerCall('oConfirmation', {}, { ...options, tokenKey }, `${pathOf(id)}/o-confirmation`);
  }

  return {
    /**
     * Posts a payment request (`POST /payment-requests`, client credentials, scope `pisp`): a friendly order
     * (the SDK writes the STET resource and its references) or a `PaymentRequestResource` of your own. Send
     * the customer to `approvalUrl`; the bank sends them back to your report URL, then `confirm`.
     * @example
     * const { id, approvalUrl } = await bank.createPaymentRequest({ creditor: { name: 'Claire Bernard', iban: 'FR7620041010050001234560463' },
     *   amount: '50.00', remittance: 'Garde mai', successfulReportUrl: 'https://tpp.example/paid' });
     */
    async createPaymentRequest(
      request: PaymentOrder | PaymentRequestResource,
      options: PaymentCallOptions & { readonly uiLocales?: string } = {},
    ): Promise<CreatedPaymentRequest> {
      if (options.uiLocales !== undefined && options.version === 'v1')
        throw new TypeError('ui_locales is a STET 1.4.2 parameter: leave it out on v1');
      const sent =
        'creditTransferTransaction' in request
          ? request
          : paymentRequestResource(request, options.version ?? 'v1.4.2', deps.clientId, deps.now());
      const query = options.uiLocales ? `?${new URLSearchParams({ ui_locales: options.uiLocales })}` : '';
      const name = named('paymentRequests', options.version);
      const answer = await deps.call(name, sent, pisp(options), `/payment-requests${query}`);
      const raw = answer.json as { _links?: unknown } | undefined;
      const approvalUrl = hrefOf(raw?._links, 'consentApproval');
      return { ...createdId(answer.headers.location), approvalUrl, sent, raw, requestId: answer.requestId };
    },

    /**
     * The request and its statuses (`GET /payment-requests/{id}`): `RCVD` until the customer answers, then
     * `ACTC` (approved) or `RJCT` with the reason.
     * @example const { status, reason, instructions } = await bank.getPaymentRequest('6a1c0e9f2b3d4c5e6f708192a3b4c5d6');
     */
    getPaymentRequest,

    /**
     * Confirms a request the customer approved (`POST …/confirmation`; with `oConfirmation`, the 1.4.2
     * `…/o-confirmation`): only then does the bank execute it. A second confirmation is `409 CONFLICT`;
     * after a network failure, read the status rather than confirm again.
     * @example const { status } = await bank.confirm('6a1c0e9f2b3d4c5e6f708192a3b4c5d6');
     */
    async confirm(id: string, options: ConfirmOptions = {}): Promise<PaymentRequestStatus> {
      const answer = options.oConfirmation
        ? await oConfirm(id, options, options.oConfirmation)
        : await deps.call(
            named('confirmation', options.version),
            {},
            pisp(options),
            `${pathOf(id)}/confirmation`,
          );
      return paymentRequestStatus(id, answer.json, answer.requestId);
    },

    /**
     * Cancels the request, or some of its instructions (STET: `PUT` of the whole resource as read, with
     * `RJCT` / `DS02`). Before the customer approved, or before your confirmation, it applies at once; a
     * confirmed request (a date to come, a standing order) needs the customer's approval at `approvalUrl`.
     * @example await bank.cancel('6a1c0e9f2b3d4c5e6f708192a3b4c5d6');
     */
    async cancel(id: string, options: CancelOptions = {}): Promise<CancellationAnswer> {
      const current = await getPaymentRequest(id, options);
      const resource = (current.raw as { paymentRequest?: Json } | undefined)?.paymentRequest ?? {};
      const body = withCancellation(resource, options.instructions);
      const name = named('paymentRequestPut', options.version);
      const answer = await deps.call(name, body, pisp(options), pathOf(id));
      const raw = answer.json as { _links?: unknown } | undefined;
      return { approvalUrl: hrefOf(raw?._links, 'consentApproval'), raw, requestId: answer.requestId };
    },
  };
}
