import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import { ApiError } from '../http/api-error.ts';
import { OAuthError } from './oauth-error.ts';

const CLIENT_REFUSALS = new Set(['CERTIFICATE_REQUIRED', 'CERTIFICATE_INVALID', 'CERTIFICATE_REVOKED']);
const LICENCE_REFUSALS = new Set(['TPP_NOT_LICENSED', 'LICENCE_WITHDRAWN', 'ROLE_MISSING']);

function toOAuthError(error: unknown): OAuthError | undefined {
  if (error instanceof OAuthError) return error;
  if (error instanceof ApiError) {
    if (CLIENT_REFUSALS.has(error.code)) return new OAuthError('invalid_client', error.message);
    if (LICENCE_REFUSALS.has(error.code)) return new OAuthError('unauthorized_client', error.message);
    // A host naming no establishment of this bank: misdirected, whatever the endpoint (RFC 9110 §15.5.20).
    if (error.status === 421) return new OAuthError('invalid_request', error.message, 421);
    if (error.status < 500) return new OAuthError('invalid_request', error.message);
    // The bank could not decide (a revocation source is down): try again, not a bank failure.
    if (error.status === 503) return new OAuthError('temporarily_unavailable', error.message, 503);
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    return new OAuthError(
      'invalid_request',
      'Send a form (application/x-www-form-urlencoded), RFC 6749 §3.2',
    );
  }
  return undefined;
}

/** Errors of /token and /revoke as RFC 6749 §5.2 JSON, never cached; 5xx without internal detail. */
export function oauthErrorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const oauth = toOAuthError(error);
  if (!oauth) request.log.error({ err: error }, 'token endpoint failed');
  const body = oauth
    ? { error: oauth.code, error_description: oauth.description }
    : { error: 'server_error', error_description: 'Internal error at the bank: quote the X-Request-ID' };
  if (oauth?.code === 'invalid_client') reply.header('www-authenticate', 'TLS');
  if (error instanceof ApiError) reply.headers(error.headers);
  return reply
    .code(oauth?.status ?? 500)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json; charset=utf-8')
    .send(body);
}

/**
 * The form parameters of a token or revocation request, each at most once (RFC 6749 §3.2), and the
 * client: `client_id` must be the organizationIdentifier of the QWAC (RFC 8705 §2.1, STET Part I §3.4).
 */
export function clientForm(request: FastifyRequest): {
  tpp: TppIdentity;
  parameters: Readonly<Record<string, string | undefined>>;
} {
  const contentType = request.headers['content-type'] ?? '';
  if (
    !contentType.startsWith('application/x-www-form-urlencoded') ||
    typeof request.body !== 'object' ||
    request.body === null
  ) {
    throw new OAuthError('invalid_request', 'Send a form (application/x-www-form-urlencoded), RFC 6749 §3.2');
  }
  const parameters: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.body as Record<string, unknown>)) {
    if (typeof value !== 'string')
      throw new OAuthError('invalid_request', `${name.slice(0, 40)} must appear once (RFC 6749 §3.2)`);
    parameters[name] = value === '' ? undefined : value;
  }
  const tpp = request.tpp as TppIdentity;
  if (parameters.client_id !== tpp.organizationIdentifier) {
    throw new OAuthError(
      'invalid_client',
      `client_id must be the organizationIdentifier of your QWAC, ${tpp.organizationIdentifier}`,
    );
  }
  return { tpp, parameters };
}
