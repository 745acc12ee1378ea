import type { FastifyInstance } from 'fastify';
import { SCOPES } from '../core/consent/scopes.ts';
import type { Endpoints } from '../endpoints.ts';

/**
 * RFC 8414 §2 metadata: the public listener's URL is the issuer; client endpoints live on the mTLS
 * listener (RFC 8705 §5 endpoint aliases).
 */
function metadata(deps: Endpoints, sandbox: boolean) {
  const mtlsEndpoints = {
    token_endpoint: `${deps.mtlsUrl}/token`,
    revocation_endpoint: `${deps.mtlsUrl}/revoke`,
    registration_endpoint: `${deps.mtlsUrl}/register`,
  };
  return {
    issuer: deps.publicUrl,
    authorization_endpoint: `${deps.publicUrl}/authorize`,
    ...mtlsEndpoints,
    // Every client endpoint requires the QWAC, so the aliases equal the main endpoints (RFC 8705 §5).
    mtls_endpoint_aliases: mtlsEndpoints,
    tls_client_certificate_bound_access_tokens: true,
    token_endpoint_auth_methods_supported: ['tls_client_auth'],
    revocation_endpoint_auth_methods_supported: ['tls_client_auth'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    scopes_supported: SCOPES,
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    ui_locales_supported: ['fr', 'en'],
    // openstet extension: tools may play a sandbox persona only where the bank says it is a sandbox.
    openstet_sandbox: sandbox,
  };
}

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414 §3), on the public listener: each establishment's
 * own issuer and endpoints, at the host it is reached at.
 */
export function metadataRoute(app: FastifyInstance, sandbox: boolean): void {
  // Discovery, the same for everyone: not an interaction with a customer or a TPP (no audit line).
  app.get('/.well-known/oauth-authorization-server', { config: { audit: false } }, async (request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(metadata(request.establishment, sandbox)),
  );
}
