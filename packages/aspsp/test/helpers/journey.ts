import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { InjectApp } from './inject-app.ts';
import type { TppCredentials } from './pki.ts';
import { proxyCertificateHeader, signedHeaders } from './tpp-request.ts';

export const REDIRECT_URI = 'https://tpp.example/callback';
export const MARC = {
  id: 'D0999990I0',
  otp: '12345678',
  accounts: ['FR7613807008043001965405158', 'FR7613807008043001965405255'],
};

/** A PSU's browser on the bank's pages: keeps the session cookie and the CSRF token of the last page. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(
    private readonly bank: InjectApp,
    readonly headers: Record<string, string> = {},
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    const setCookie = [response.headers['set-cookie'] ?? []]
      .flat()
      .find((cookie) => cookie.startsWith('__Host-openstet-sca='));
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (csrf) this.csrf = csrf;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.bank.app.public.inject({
        method: 'GET',
        url,
        headers: { ...this.headers, cookie: this.cookie },
      }),
    );
  }

  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const form = new URLSearchParams({ csrf: this.csrf });
    for (const [name, value] of Object.entries(fields))
      for (const item of [value].flat()) form.append(name, item);
    return this.remember(
      await this.bank.app.public.inject({
        method: 'POST',
        url,
        headers: {
          ...this.headers,
          cookie: this.cookie,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: form.toString(),
      }),
    );
  }
}

export interface AuthorizeOptions {
  readonly scope?: string;
  readonly state?: string;
  readonly redirectUri?: string;
  /** The S256 challenge; `TPP_PKCE`'s by default (the bank requires PKCE), `null` to send none. */
  readonly codeChallenge?: string | null;
  readonly codeChallengeMethod?: string;
  readonly extra?: Record<string, string>;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The PKCE pair the test TPP sends unless a test says otherwise (RFC 7636, required by the bank). */
export const TPP_PKCE = pkcePair();

export function authorizeUrl(tpp: TppCredentials, options: AuthorizeOptions = {}): string {
  const challenge = options.codeChallenge === undefined ? TPP_PKCE.challenge : options.codeChallenge;
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: tpp.organizationIdentifier,
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope: options.scope ?? 'cbpii',
    ...(options.state !== undefined ? { state: options.state } : {}),
    ...(challenge
      ? {
          code_challenge: challenge,
          code_challenge_method: options.codeChallengeMethod ?? 'S256',
        }
      : {}),
    ...options.extra,
  });
  return `/authorize?${query}`;
}

/** The redirect back to the TPP (303 + Location), parsed. */
export function redirectOf(response: LightMyRequestResponse): URL {
  assert.equal(
    response.statusCode,
    303,
    `expected a redirect to the TPP, got ${response.statusCode}: ${response.body.slice(0, 300)}`,
  );
  return new URL(String(response.headers.location));
}

/** Marc logs in, passes SCA and consents the given accounts; returns the redirect to the TPP. */
export async function consent(
  bank: InjectApp,
  tpp: TppCredentials,
  options: AuthorizeOptions & { accounts?: readonly string[]; psu?: string } = {},
): Promise<URL> {
  const browser = new Browser(bank);
  const login = await browser.get(authorizeUrl(tpp, options));
  assert.equal(login.statusCode, 200, login.body.slice(0, 300));
  const otp = await browser.post('/sca/login', { username: options.psu ?? MARC.id, action: 'approve' });
  assert.equal(otp.statusCode, 200, otp.body.slice(0, 300));
  const consentPage = await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
  assert.equal(consentPage.statusCode, 200, consentPage.body.slice(0, 300));
  return redirectOf(
    await browser.post('/sca/consent', {
      accounts: [...(options.accounts ?? MARC.accounts)],
      action: 'approve',
    }),
  );
}

/** POST /token over the TPP's QWAC with form parameters. */
export function token(
  bank: InjectApp,
  tpp: TppCredentials,
  parameters: Record<string, string>,
  qwacPem = tpp.qwac.certificatePem,
) {
  return bank.app.mtls.inject({
    method: 'POST',
    url: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...proxyCertificateHeader(qwacPem) },
    payload: new URLSearchParams({ client_id: tpp.organizationIdentifier, ...parameters }).toString(),
  });
}

export interface Tokens {
  readonly access_token: string;
  readonly refresh_token: string;
}

/** The whole authorization-code flow: consent, then the code exchanged for tokens. */
export async function obtainTokens(
  bank: InjectApp,
  tpp: TppCredentials,
  options: Parameters<typeof consent>[2] = {},
): Promise<Tokens> {
  const redirect = await consent(bank, tpp, options);
  const code = redirect.searchParams.get('code');
  assert.ok(code, `no code in ${redirect.href}`);
  const response = await token(bank, tpp, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    code_verifier: TPP_PKCE.verifier,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

export const FUNDS_BODY = {
  paymentCoverageRequestId: 'MyCoverage123456',
  instructedAmount: { currency: 'EUR', amount: '123.45' },
  accountId: { iban: 'FR7613807008043001965405158' },
};

/** A signed funds-confirmation call with a Bearer token, over the TPP's QWAC. */
export async function fundsCheck(
  bank: InjectApp,
  tpp: TppCredentials,
  accessToken: string | undefined,
  options: {
    version?: 'v1' | 'v1.4.2';
    body?: unknown;
    qwacPem?: string;
    authorization?: string;
    query?: string;
  } = {},
) {
  const url = `/stet/psd2/${options.version ?? 'v1.4.2'}/funds-confirmations${options.query ?? ''}`;
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? FUNDS_BODY);
  const authorization = options.authorization ?? (accessToken ? `Bearer ${accessToken}` : undefined);
  const headers = await signedHeaders(tpp, {
    method: 'POST',
    url,
    body,
    headers: authorization ? { authorization } : {},
  });
  return bank.app.mtls.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...headers, ...proxyCertificateHeader(options.qwacPem ?? tpp.qwac.certificatePem) },
  });
}
