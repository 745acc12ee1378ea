import { STET_OPERATIONS, type StetOperationId, type StetVersion } from '@openstet/protocol';

/**
 * The STET operations the SDK knows, one line each: method, path under the version's base path, the
 * version, whether the bank signs 2xx answers (STET CR199), and whether a retry is harmless.
 */
export interface ApiMethod {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly version: StetVersion;
  readonly signedResponse: boolean;
  /** Safe to send again after a network failure: no effect at the bank (funds checks reserve nothing). */
  readonly retryable: boolean;
}

/** One operation of the protocol's table, with its literal types (`'POST'`, `'/funds-confirmations'`). */
type Operation<Id extends StetOperationId> = Extract<(typeof STET_OPERATIONS)[number], { readonly id: Id }>;

/**
 * An SDK method: the operation's method, path and signed response as the protocol's operations table
 * states them (the bank serves from the same table), on a version the operation exists in (checked when
 * compiling), plus the one fact only the SDK decides: whether it may send the call again.
 */
function fromTable<
  const Id extends StetOperationId,
  const Version extends Operation<Id>['versions'][number],
  const Retryable extends boolean,
>(operationId: Id, version: Version, retryable: Retryable) {
  const operation = STET_OPERATIONS.find(
    (candidate): candidate is Operation<Id> => candidate.id === operationId,
  );
  if (!operation) throw new Error(`No STET operation ${operationId} in @openstet/protocol`);
  const { method, path, signedResponse } = operation;
  return Object.freeze({ method, path, version, signedResponse, retryable });
}

export const API_METHODS = Object.freeze({
  fundsConfirmationV1: fromTable('fundsConfirmationsPost', 'v1', true),
  fundsConfirmation: fromTable('fundsConfirmationsPost', 'v1.4.2', true),
  accountsV1: fromTable('accountsGet', 'v1', true),
  accounts: fromTable('accountsGet', 'v1.4.2', true),
  balancesV1: fromTable('accountsBalancesGet', 'v1', true),
  balances: fromTable('accountsBalancesGet', 'v1.4.2', true),
  transactionsV1: fromTable('accountsTransactionsGet', 'v1', true),
  transactions: fromTable('accountsTransactionsGet', 'v1.4.2', true),
  // A PUT replaces: sending it again has the same effect.
  consentsV1: fromTable('consentsPut', 'v1', true),
  consents: fromTable('consentsPut', 'v1.4.2', true),
  trustedBeneficiariesV1: fromTable('trustedBeneficiariesGet', 'v1', true),
  trustedBeneficiaries: fromTable('trustedBeneficiariesGet', 'v1.4.2', true),
  endUserIdentity: fromTable('endUserIdentityGet', 'v1.4.2', true),
  // The bank answers a payment request posted again with the same paymentInformationId (and body) within
  // 24 hours with the first one: the SDK fixes both before the first attempt, so a retry creates nothing.
  paymentRequestsV1: fromTable('paymentRequestsPost', 'v1', true),
  paymentRequests: fromTable('paymentRequestsPost', 'v1.4.2', true),
  paymentRequestV1: fromTable('paymentRequestsGet', 'v1', true),
  paymentRequest: fromTable('paymentRequestsGet', 'v1.4.2', true),
  // The whole resource again: a cancellation sent twice is the same cancellation.
  paymentRequestPutV1: fromTable('paymentRequestPut', 'v1', true),
  paymentRequestPut: fromTable('paymentRequestPut', 'v1.4.2', true),
  // A second confirmation is refused (409): after a network failure, read the status instead.
  confirmationV1: fromTable('paymentRequestConfirmationPost', 'v1', false),
  confirmation: fromTable('paymentRequestConfirmationPost', 'v1.4.2', false),
  oConfirmation: fromTable('paymentRequestOConfirmationPost', 'v1.4.2', false),
} satisfies Record<string, ApiMethod>);

export type ApiMethodName = keyof typeof API_METHODS;
