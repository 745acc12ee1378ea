/**
 * The STET operations the SDK knows, one line each: method, path under the version's base path, the
 * version, whether the bank signs 2xx answers (STET CR199), and whether a retry is harmless.
 */
export interface ApiMethod {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly version: 'v1' | 'v1.4.2';
  readonly signedResponse: boolean;
  /** Safe to send again after a network failure: no effect at the bank (funds checks reserve nothing). */
  readonly retryable: boolean;
}

export const API_METHODS = Object.freeze({
  fundsConfirmationV1: {
    method: 'POST',
    path: '/funds-confirmations',
    version: 'v1',
    signedResponse: true,
    retryable: true,
  },
  fundsConfirmation: {
    method: 'POST',
    path: '/funds-confirmations',
    version: 'v1.4.2',
    signedResponse: true,
    retryable: true,
  },
} as const satisfies Record<string, ApiMethod>);

export type ApiMethodName = keyof typeof API_METHODS;
