import { isErrorModel, type StetVersion } from '@openstet/protocol';
import { OAuthError, type StetClient, StetError } from '@openstet/tpp';

/** What the bank answered, in the table's words: `covered`, `not covered`, or `<status> <code>`. */
export interface Answer {
  readonly answer: string;
  readonly message?: string;
  readonly requestId?: string;
  /** What the bank showed, a line each (accounts, transactions, beneficiaries): printed under the row. */
  readonly details?: readonly string[];
}

export interface CaseContext {
  readonly bank: StetClient;
  /** The access token of a login (the SDK keeps it under this key). */
  accessToken(tokenKey: string): Promise<string>;
}

export function failureAnswer(error: unknown): Answer {
  if (error instanceof StetError)
    return { answer: `${error.status} ${error.code}`, message: error.message, requestId: error.requestId };
  if (error instanceof OAuthError) return { answer: `${error.status} ${error.code}`, message: error.message };
  return { answer: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** Through the SDK, as a card issuer's code would: `fundsConfirmation` builds, signs and checks. */
export async function sdkCheck(
  context: CaseContext,
  version: StetVersion,
  tokenKey: string,
  check: { iban: string; amount: string; currency: string },
): Promise<Answer> {
  try {
    const { covered } = await context.bank.fundsConfirmation(check, { version, tokenKey });
    return { answer: covered ? 'covered' : 'not covered' };
  } catch (error) {
    return failureAnswer(error);
  }
}

/** `rawCall`, the method and body as given, signed: how to ask what `fundsConfirmation` never sends. */
export async function rawCheck(
  context: CaseContext,
  version: StetVersion,
  accessToken: string,
  method: 'GET' | 'POST',
  body?: unknown,
): Promise<Answer> {
  try {
    const response = await context.bank.rawCall({
      method,
      path: `/${version}/funds-confirmations`,
      accessToken,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed: unknown = JSON.parse(response.body || 'null');
    if (response.status === 200)
      return { answer: (parsed as { result?: unknown })?.result === true ? 'covered' : 'not covered' };
    return isErrorModel(parsed)
      ? {
          answer: `${response.status} ${parsed.error}`,
          message: parsed.message,
          requestId: response.requestId,
        }
      : { answer: `${response.status}`, requestId: response.requestId };
  } catch (error) {
    return failureAnswer(error);
  }
}
