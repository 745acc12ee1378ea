import { parseScopes, type Scope } from '../core/consent/scopes.ts';
import type { ClientRegistry } from '../core/tpp/client-registration.ts';
import type { TppLicence } from '../core/tpp/tpp-licence.ts';
import { checkLicenceCovers } from './licence-check.ts';
import { OAuthError } from './oauth-error.ts';

export interface AuthorizeRequest {
  readonly clientId: string;
  /** The TPP's name in the register of licensed TPPs: what the customer is shown. */
  readonly clientName: string;
  readonly redirectUri: string;
  readonly scopes: readonly Scope[];
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
}

/** Refusals shown at the bank, never redirected: the redirect URI cannot be trusted (RFC 6749 §4.1.2.1). */
export class BankPageError extends Error {
  override readonly name = 'BankPageError';
}

/** A refusal redirected to the TPP with `error`, `error_description` and `state`. */
export class RedirectError extends OAuthError {
  constructor(
    readonly redirectUri: string,
    readonly state: string | undefined,
    error: OAuthError,
    /** The client, known by then (its redirect URI was checked against its registration). */
    readonly clientId: string,
  ) {
    super(error.code, error.description);
  }
}

export interface AuthorizeDeps {
  readonly clients: ClientRegistry;
  readonly licence: (clientId: string) => Promise<TppLicence | undefined>;
  /** The bank's setting: PKCE for every client (RFC 7636; OAuth 2.1). */
  readonly requirePkce: boolean;
}

type Query = Readonly<Record<string, string | string[] | undefined>>;

const CODE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;
const MAX_STATE_LENGTH = 2048;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new OAuthError('invalid_request', `${name} is repeated (RFC 6749 §3.1)`);
  return value === '' ? undefined : value;
}

function checkPkce(query: Query, required: boolean): string | undefined {
  const challenge = single(query, 'code_challenge');
  const method = single(query, 'code_challenge_method');
  if (challenge === undefined) {
    if (required)
      throw new OAuthError(
        'invalid_request',
        'PKCE is required: send code_challenge with code_challenge_method=S256',
      );
    if (method !== undefined)
      throw new OAuthError('invalid_request', 'code_challenge_method without code_challenge');
    return undefined;
  }
  // RFC 7636 §4.2: `plain` is the default; the bank refuses it (RFC 9700 §2.1.1), so S256 must be explicit.
  if (method !== 'S256')
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256; plain is refused');
  if (!CODE_CHALLENGE.test(challenge))
    throw new OAuthError('invalid_request', 'code_challenge must be 43-128 base64url characters');
  return challenge;
}

/**
 * Validates `GET /authorize` (RFC 6749 §4.1.1). Until the client and its exact registered redirect URI
 * are known, refusals stay at the bank; after, they are redirected to the TPP with the state.
 */
export async function validateAuthorize(query: Query, deps: AuthorizeDeps): Promise<AuthorizeRequest> {
  let clientId: string | undefined;
  let redirectUri: string | undefined;
  try {
    clientId = single(query, 'client_id');
    redirectUri = single(query, 'redirect_uri');
  } catch {
    throw new BankPageError('client_id and redirect_uri must appear once');
  }
  if (!clientId)
    throw new BankPageError('client_id is missing: it is your organizationIdentifier, e.g. PSDFR-ACPR-12345');
  const client = await deps.clients.find(clientId);
  if (!client)
    throw new BankPageError(`Unknown client_id ${clientId.slice(0, 40)}: register with POST /register first`);
  if (!redirectUri) throw new BankPageError('redirect_uri is missing (required by this bank)');
  if (!client.redirectUris.includes(redirectUri))
    throw new BankPageError('redirect_uri is not one the TPP registered');
  const rawState = query.state;
  const state = typeof rawState === 'string' ? rawState : undefined;
  try {
    if (Array.isArray(rawState)) throw new OAuthError('invalid_request', 'state is repeated');
    if (state !== undefined && state.length > MAX_STATE_LENGTH)
      throw new OAuthError('invalid_request', 'state is too long');
    const responseType = single(query, 'response_type');
    if (responseType === undefined) throw new OAuthError('invalid_request', 'response_type is missing');
    if (responseType !== 'code')
      throw new OAuthError('unsupported_response_type', 'response_type must be code');
    const licence = checkLicenceCovers(await deps.licence(clientId));
    const scope = parseScopes(single(query, 'scope'));
    if (!scope.ok) throw new OAuthError('invalid_scope', scope.description);
    if (scope.role === 'pisp')
      throw new OAuthError('invalid_scope', 'pisp is granted with client credentials, not here');
    checkLicenceCovers(licence, scope.role);
    const codeChallenge = checkPkce(query, deps.requirePkce || client.requirePkce);
    return Object.freeze({
      clientId,
      clientName: licence.name,
      redirectUri,
      scopes: scope.scopes,
      state,
      codeChallenge,
    });
  } catch (error) {
    if (error instanceof OAuthError) throw new RedirectError(redirectUri, state, error, clientId);
    throw error;
  }
}
