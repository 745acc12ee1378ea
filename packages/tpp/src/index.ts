/**
 * @openstet/tpp — call a STET PSD2 bank as a TPP: mutual TLS, signed requests, OAuth2 tokens, checked
 * answers. Depends on @openstet/protocol only, never on the bank server.
 */
export type { ApiMethod, ApiMethodName } from './api-methods.ts';
export { API_METHODS } from './api-methods.ts';
export type { CallOptions, StetClientOptions } from './client-options.ts';
export type { KeyPair, PemSource } from './credentials.ts';
export { OAuthError, ResponseSignatureError, StetError } from './errors.ts';
export type { Pkce } from './pkce.ts';
export { generatePkce } from './pkce.ts';
export type { RawAnswer, RawRequest } from './raw-call.ts';
export type {
  Account,
  Balance,
  Transaction,
  TransactionFilter,
  TransactionPage,
} from './resources/account-information.ts';
export type { FundsCheck } from './resources/funds-confirmation.ts';
export type {
  PaymentOrder,
  PaymentRequestResource,
  StandingOrderSchedule,
} from './resources/payment-order.ts';
export type {
  CancellationAnswer,
  CancelOptions,
  ConfirmOptions,
  CreatedPaymentRequest,
  PaymentCallOptions,
} from './resources/payment-requests.ts';
export type {
  PaymentInformationStatus,
  PaymentInstructionStatus,
  PaymentRequestStatus,
} from './resources/payment-status.ts';
export type { ForwardedAccess, TrustedBeneficiary } from './resources/psu-details.ts';
export type { SandboxPaymentApprovalOptions } from './sandbox-payment-approval.ts';
export { completeSandboxPaymentApproval } from './sandbox-payment-approval.ts';
export type { SandboxScaOptions } from './sandbox-sca.ts';
export { completeSandboxSca } from './sandbox-sca.ts';
export type { StetClient } from './stet-client.ts';
export { createStetClient } from './stet-client.ts';
export type { StoredTokens, TokenStore } from './token-store.ts';
export { encryptedFileTokenStore, memoryTokenStore } from './token-store.ts';
