import { createPublicKey, randomBytes } from 'node:crypto';
import {
  isErrorModel,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signingKeyProblem,
} from '@openstet/protocol';
import { API_METHODS, type ApiMethodName } from './api-methods.ts';
import { type KeyPair, loadPem, type PemSource } from './credentials.ts';
import { OAuthError, ResponseSignatureError, StetError } from './errors.ts';
import { oauthClient } from './oauth-client.ts';
import { generatePkce } from './pkce.ts';
import { signedRequestHeaders } from './request-signature.ts';
import { checkResponseSignature } from './response-signature.ts';
import { memoryTokenStore, type StoredTokens, type TokenStore } from './token-store.ts';
import { type HttpResponse, mutualTlsTransport } from './transport.ts';

export interface StetClientOptions {
  /** The bank's STET API base, before the version: e.g. `https://localhost:8444/stet/psd2`. */
  readonly apiBaseUrl: string;
  /** The bank's public base URL, where the customer's browser goes: e.g. `https://localhost:8443`. */
  readonly authorizationServer: string;
  /** Your QWAC (mutual TLS) and QSealC (HTTP signatures), PEM texts or file paths. */
  readonly qwac: KeyPair;
  readonly qseal: KeyPair;
  /** CA certificate(s) for the bank's server certificate; the system trust store when absent. */
  readonly ca?: PemSource;
  /** Your organizationIdentifier, e.g. `PSDFR-ACPR-12345` (STET: the OAuth2 client_id). */
  readonly clientId: string;
  /** `serial-and-issuer` (BPCE: `SN=…,CA=…`, the default) or the URL form with your certificate's URL. */
  readonly keyIdStyle?: 'serial-and-issuer' | { readonly url: string };
  /** The bank's QSealC: when given, signed answers (STET CR199) must verify with it. */
  readonly bankSealCertificate?: PemSource;
  /** Token endpoints; by default `/token` and `/revoke` at the API's origin. */
  readonly tokenEndpoint?: string;
  readonly revocationEndpoint?: string;
  readonly tokenStore?: TokenStore;
  readonly timeoutMs?: number;
  /** Extra attempts after a network failure, for calls with no effect at the bank. Default 0. */
  readonly retries?: number;
}

export interface CallOptions {
  /** Whose tokens: your key for the customer (default `default`). */
  readonly tokenKey?: string;
  /** PSU context headers (`PSU-IP-Address`, …): sent and signed. */
  readonly psuHeaders?: Readonly<Record<string, string>>;
}

export interface FundsCheck {
  readonly iban: string;
  /** Decimal text, e.g. `"123.45"`: never a binary float. */
  readonly amount: string;
  readonly currency: string;
  readonly paymentCoverageRequestId?: string;
  readonly payee?: string;
}

/** A request for `rawCall`: sent as given, signed. */
export interface RawRequest {
  readonly method: string;
  /** Under `apiBaseUrl`, with the version, e.g. `/v1.4.2/funds-confirmations`. */
  readonly path: string;
  /** The body text, sent byte for byte (with its Digest), even when it is not valid JSON. */
  readonly body?: string;
  readonly tokenKey?: string;
  /** Sends this access token rather than the stored one. */
  readonly accessToken?: string;
  readonly psuHeaders?: Readonly<Record<string, string>>;
}

/** What the bank answered to a `rawCall`, untouched. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The `X-Request-ID` of the call. */
  readonly requestId: string;
  /**
   * The bank's signature of the answer (STET CR199) checked against `bankSealCertificate` and this
   * request's X-Request-ID: `verified`, `invalid`, `absent`, or `unchecked` without a configured seal.
   * Act on a `result` only when it is `verified`.
   */
  readonly responseSignature: 'verified' | 'invalid' | 'absent' | 'unchecked';
}

const DEFAULT_KEY = 'default';
const REFRESH_MARGIN_MS = 60_000;

/** The X-Request-ID the bank echoed, else the one the request was sent with. */
function requestId(response: HttpResponse, sent: string): string {
  const value = response.headers['x-request-id'];
  return (Array.isArray(value) ? value[0] : value) || sent;
}

function stetError(response: HttpResponse, sentRequestId: string): StetError {
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  return isErrorModel(body)
    ? new StetError(response.status, body.error, body.message, requestId(response, sentRequestId))
    : new StetError(
        response.status,
        `HTTP_${response.status}`,
        `The bank answered ${response.status}`,
        requestId(response, sentRequestId),
      );
}

function isInvalidToken(response: HttpResponse): boolean {
  return response.status === 401 && /invalid_token/.test(String(response.headers['www-authenticate'] ?? ''));
}

/**
 * A client for a STET bank: mutual TLS with your QWAC, every call signed with your QSealC, tokens kept
 * and refreshed, the bank's answers checked. One instance per bank; `close()` when done.
 *
 * @example
 * const bank = createStetClient({ apiBaseUrl: 'https://localhost:8444/stet/psd2', authorizationServer: 'https://localhost:8443',
 *   clientId: 'PSDFR-ACPR-12345', qwac: { certificate: 'tpp/qwac.pem', privateKey: 'tpp/qwac.key' },
 *   qseal: { certificate: 'tpp/qseal.pem', privateKey: 'tpp/qseal.key' }, ca: 'tpp/ca.pem' });
 * const { covered } = await bank.fundsConfirmation({ iban: 'FR7613807008043001965405158', amount: '123.45', currency: 'EUR' });
 */
export function createStetClient(options: StetClientOptions) {
  const qsealPem = loadPem(options.qseal.certificate);
  const transport = mutualTlsTransport({
    certificate: loadPem(options.qwac.certificate),
    privateKey: loadPem(options.qwac.privateKey),
    ca: options.ca ? loadPem(options.ca) : undefined,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  const apiOrigin = new URL(options.apiBaseUrl).origin;
  const oauth = oauthClient(
    transport.send,
    {
      authorizationServer: options.authorizationServer,
      tokenEndpoint: options.tokenEndpoint ?? `${apiOrigin}/token`,
      revocationEndpoint: options.revocationEndpoint ?? `${apiOrigin}/revoke`,
    },
    options.clientId,
    Date.now,
  );
  const store = options.tokenStore ?? memoryTokenStore();
  const signing = {
    keyId:
      typeof options.keyIdStyle === 'object'
        ? options.keyIdStyle.url
        : serialAndIssuerKeyId(readEidasCertificate(qsealPem)),
    privateKey: loadPem(options.qseal.privateKey),
  };
  const bankSeal = options.bankSealCertificate
    ? createPublicKey(loadPem(options.bankSealCertificate))
    : undefined;
  const sealProblem = bankSeal && signingKeyProblem(bankSeal);
  if (sealProblem) throw new TypeError(`bankSealCertificate ${sealProblem}`);
  const verifiers = new Map<string, string>();

  const freshTokens = async (key: string): Promise<StoredTokens> => {
    const tokens = await store.get(key);
    if (!tokens) throw new OAuthError(401, 'no_tokens', `No tokens for "${key}": authorize first`);
    if (tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS || !tokens.refreshToken) return tokens;
    return refreshTokens(key);
  };
  const refreshTokens = async (key: string): Promise<StoredTokens> => {
    const current = await store.get(key);
    if (!current?.refreshToken)
      throw new OAuthError(401, 'no_refresh_token', `No refresh token for "${key}": authorize again`);
    const renewed = await oauth.refresh(current.refreshToken);
    await store.set(key, renewed);
    return renewed;
  };

  /**
   * Signs and sends one request under the API base URL; a network failure is retried only when
   * `retryable`, signed again with a new X-Request-ID and Date (the bank refuses a replayed id). Returns
   * the answer and the X-Request-ID it was sent with.
   */
  const sendSigned = async (request: {
    method: string;
    path: string;
    body: string | undefined;
    accessToken: string;
    psuHeaders: Readonly<Record<string, string>> | undefined;
    retryable: boolean;
  }) => {
    const url = new URL(`${options.apiBaseUrl}${request.path}`);
    for (let attempt = 0; ; attempt++) {
      const headers = await signedRequestHeaders(signing, {
        method: request.method,
        target: `${url.pathname}${url.search}`,
        body: request.body,
        headers: { authorization: `Bearer ${request.accessToken}`, ...request.psuHeaders },
      });
      try {
        const response = await transport.send({
          method: request.method,
          url: url.href,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        return { response, sentRequestId: headers['x-request-id'] ?? '' };
      } catch (error) {
        if (!request.retryable || attempt >= (options.retries ?? 0)) throw error;
      }
    }
  };

  const rawSignatureStatus = async (response: HttpResponse, sentRequestId: string) => {
    if (!bankSeal) return 'unchecked' as const;
    try {
      return await checkResponseSignature(response, bankSeal, sentRequestId);
    } catch (error) {
      if (error instanceof ResponseSignatureError) return 'invalid' as const;
      throw error;
    }
  };

  const send = (name: ApiMethodName, body: unknown, callOptions: CallOptions, accessToken: string) => {
    const method = API_METHODS[name];
    return sendSigned({
      method: method.method,
      path: `/${method.version}${method.path}`,
      body: body === undefined ? undefined : JSON.stringify(body),
      accessToken,
      psuHeaders: callOptions.psuHeaders,
      retryable: method.retryable,
    });
  };

  /** One STET call with tokens kept fresh; after a 401 invalid_token, one refresh and one retry, never more. */
  const call = async (
    name: ApiMethodName,
    body: unknown,
    callOptions: CallOptions = {},
  ): Promise<{ readonly json: unknown; readonly requestId: string }> => {
    const key = callOptions.tokenKey ?? DEFAULT_KEY;
    let sent = await send(name, body, callOptions, (await freshTokens(key)).accessToken);
    if (isInvalidToken(sent.response) && (await store.get(key))?.refreshToken) {
      sent = await send(name, body, callOptions, (await refreshTokens(key)).accessToken);
    }
    const { response, sentRequestId } = sent;
    if (response.status < 200 || response.status >= 300) throw stetError(response, sentRequestId);
    if (
      bankSeal &&
      API_METHODS[name].signedResponse &&
      (await checkResponseSignature(response, bankSeal, sentRequestId)) === 'absent'
    ) {
      throw new ResponseSignatureError('The bank did not sign this response (STET CR199)');
    }
    return {
      json: JSON.parse(response.body.toString('utf8')),
      requestId: requestId(response, sentRequestId),
    };
  };

  return Object.freeze({
    /**
     * The URL to send the customer's browser to (RFC 6749 §4.1.1), with PKCE S256 generated and kept for
     * `exchangeCode`.
     * @example const { url } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: 'https://tpp.example/cb' });
     */
    authorizationUrl(request: { scope: string; redirectUri: string; state?: string; pkce?: boolean }): {
      url: string;
      state: string;
    } {
      const state = request.state ?? randomBytes(16).toString('base64url');
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: request.redirectUri,
        scope: request.scope,
        state,
      });
      if (request.pkce !== false) {
        const pkce = generatePkce();
        verifiers.set(state, pkce.verifier);
        query.set('code_challenge', pkce.challenge);
        query.set('code_challenge_method', pkce.method);
      }
      return { url: `${options.authorizationServer}/authorize?${query}`, state };
    },
    /**
     * Exchanges the code the bank sent back for tokens, and keeps them under `tokenKey`.
     * @example await bank.exchangeCode({ code, state, redirectUri: 'https://tpp.example/cb' });
     */
    async exchangeCode(request: {
      code: string;
      redirectUri: string;
      state?: string;
      tokenKey?: string;
    }): Promise<StoredTokens> {
      const verifier = request.state === undefined ? undefined : verifiers.get(request.state);
      const tokens = await oauth.exchangeCode(request.code, request.redirectUri, verifier);
      if (request.state !== undefined) verifiers.delete(request.state);
      await store.set(request.tokenKey ?? DEFAULT_KEY, tokens);
      return tokens;
    },
    /** @example await bank.refresh(); */
    refresh: (tokenKey = DEFAULT_KEY) => refreshTokens(tokenKey),
    /** Revokes the pair at the bank (RFC 7009) and forgets it. @example await bank.revoke(); */
    async revoke(tokenKey = DEFAULT_KEY): Promise<void> {
      const tokens = await store.get(tokenKey);
      if (tokens) await oauth.revoke(tokens.refreshToken ?? tokens.accessToken);
      await store.delete(tokenKey);
    },
    /** A token for the TPP itself (STET: PISP). @example await bank.clientCredentials('pisp'); */
    async clientCredentials(scope = 'pisp', tokenKey = DEFAULT_KEY): Promise<StoredTokens> {
      const tokens = await oauth.clientCredentials(scope);
      await store.set(tokenKey, tokens);
      return tokens;
    },
    /**
     * Can the account cover the amount now? (STET 1.4.2; `version: 'v1'` for 1.4.0.47.) `requestId` is the
     * call's `X-Request-ID`, to quote to the bank.
     * @example const { covered } = await bank.fundsConfirmation({ iban: 'FR7613807008043001965405158', amount: '123.45', currency: 'EUR' });
     */
    async fundsConfirmation(
      check: FundsCheck,
      callOptions: CallOptions & { version?: 'v1' | 'v1.4.2' } = {},
    ) {
      const body = {
        paymentCoverageRequestId: check.paymentCoverageRequestId ?? randomBytes(12).toString('hex'),
        ...(check.payee ? { payee: check.payee } : {}),
        instructedAmount: { currency: check.currency, amount: check.amount },
        accountId: { iban: check.iban },
      };
      const answer = await call(
        callOptions.version === 'v1' ? 'fundsConfirmationV1' : 'fundsConfirmation',
        body,
        callOptions,
      );
      const raw = answer.json as { result?: unknown };
      return { covered: raw.result === true, raw, requestId: answer.requestId };
    },
    /**
     * Registers (or replaces) your redirect URIs and QSealC with the bank (`POST /register`, RFC 7591
     * style, as BPCE exposes it); the client_id is your organizationIdentifier.
     * @example await bank.register({ redirectUris: ['https://tpp.example/cb'], clientName: 'Acme Cards' });
     */
    async register(registration: {
      redirectUris: readonly string[];
      clientName: string;
      requirePkce?: boolean;
    }): Promise<unknown> {
      const body = JSON.stringify({
        redirect_uris: registration.redirectUris,
        client_name: registration.clientName,
        signing_certificate: qsealPem,
        ...(registration.requirePkce ? { require_pkce: true } : {}),
      });
      const response = await transport.send({
        method: 'POST',
        url: `${apiOrigin}/register`,
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (response.status !== 201) throw stetError(response, '');
      return JSON.parse(response.body.toString('utf8'));
    },
    /**
     * Any STET call, signed and sent exactly as given, answered exactly as the bank answered: it never
     * throws on a 4xx or 5xx (only on a network failure), never refreshes a token and never retries. For
     * what the typed methods cannot send: an operation the SDK does not know yet, a deliberately wrong
     * request in your own tests. `path` is under `apiBaseUrl`; the token is the stored one under
     * `tokenKey`, or `accessToken` when given.
     * @example
     * const answer = await bank.rawCall({ method: 'GET', path: '/v1.4.2/funds-confirmations' });
     * if (answer.status === 405) console.log(answer.requestId, answer.body);
     */
    async rawCall(request: RawRequest): Promise<RawAnswer> {
      const accessToken =
        request.accessToken ?? (await store.get(request.tokenKey ?? DEFAULT_KEY))?.accessToken ?? '';
      const { response, sentRequestId } = await sendSigned({
        method: request.method,
        path: request.path,
        body: request.body,
        accessToken,
        psuHeaders: request.psuHeaders,
        retryable: false,
      });
      return {
        status: response.status,
        headers: response.headers,
        body: response.body.toString('utf8'),
        requestId: requestId(response, sentRequestId),
        responseSignature: await rawSignatureStatus(response, sentRequestId),
      };
    },
    /** Closes the keep-alive connections. @example bank.close(); */
    close: () => transport.close(),
  });
}

export type StetClient = ReturnType<typeof createStetClient>;
