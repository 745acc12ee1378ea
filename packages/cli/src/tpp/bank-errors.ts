import { OAuthError, ResponseSignatureError, StetError } from '@openstet/tpp';
import { EXIT } from '../exit-codes.ts';
import { printJson } from '../output.ts';

/** What the bank (or the way to it) answered instead of a success, as shown and as JSON. */
export interface BankFailure {
  readonly status?: number;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
}

const LOCAL_OAUTH = new Set(['no_tokens', 'no_refresh_token']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT']);
const TLS_TRUST = /certificate|self.signed|UNABLE_TO_VERIFY/i;

/** The failures a TPP command reports as "the bank said no" (exit 1); anything else is a bug or usage. */
export function bankFailure(error: unknown): BankFailure | undefined {
  if (error instanceof StetError)
    return { status: error.status, code: error.code, message: error.message, requestId: error.requestId };
  // The SDK's own refusals (no tokens kept) never reached the bank: no status to show.
  if (error instanceof OAuthError && LOCAL_OAUTH.has(error.code))
    return { code: error.code, message: `${error.message}: run \`openstet tpp login\`` };
  if (error instanceof OAuthError) {
    const hint = error.code === 'invalid_grant' ? '; run `openstet tpp login` again' : '';
    return { status: error.status, code: error.code, message: `${error.message}${hint}` };
  }
  if (error instanceof ResponseSignatureError)
    return { code: 'RESPONSE_SIGNATURE', message: `${error.message} (is --bank-seal this bank's QSealC?)` };
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (error instanceof Error && NETWORK.has(code))
    return { code, message: `cannot reach the bank (${error.message}): is it running? (npm start)` };
  if (error instanceof Error && TLS_TRUST.test(`${code} ${error.message}`))
    return { code: code || 'TLS', message: `${error.message}: is --certs <dir>/ca.pem the CA of this bank?` };
  return undefined;
}

/** `the bank answered 403 NGAC: … (X-Request-ID …)`, or what kept the call from the bank. */
export function describeFailure(failure: BankFailure): string {
  if (failure.status === undefined) return failure.message;
  const request = failure.requestId ? ` (X-Request-ID ${failure.requestId})` : '';
  return `the bank answered ${failure.status} ${failure.code}: ${failure.message}${request}`;
}

/** Runs a TPP command; a refusal or an unreachable bank prints what happened and exits 1. */
export async function withBankErrors(json: boolean | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = bankFailure(error);
    if (!failure) throw error;
    if (json) printJson({ error: failure });
    else process.stderr.write(`openstet: ${describeFailure(failure)}\n`);
    process.exitCode = EXIT.failure;
  }
}
