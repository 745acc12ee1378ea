import { formatDn } from '@openstet/protocol';
import type { FastifyInstance } from 'fastify';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import type { ClientRegistry } from '../core/tpp/client-registration.ts';
import { revocationRefusal } from '../http/revocation-refusal.ts';
import type { TrustChain } from '../http/trust-chain.ts';
import type { RevocationChecker } from '../trust/revocation-checker.ts';
import type { TrustStore } from '../trust/trust-store.ts';
import { parseRegistration } from './registration-request.ts';

export interface RegisterRouteDeps {
  readonly clients: ClientRegistry;
  readonly trust: TrustChain;
  readonly trustStore: TrustStore;
  /** Called after a registration changes, so cached signing certificates are reloaded. */
  readonly onRegistered: (clientId: string) => void;
  readonly now: () => Date;
  readonly revocation: RevocationChecker;
}

/**
 * `POST /register` (RFC 7591 style, as BPCE exposes it): the TPP, authenticated by its QWAC, registers its
 * redirect URIs and the QSealC that signs its requests. `client_id` is the organizationIdentifier (STET
 * Part I §3.4, ETSI TS 119 495 §5.2.1); posting again replaces the registration. Answers 201 both times.
 */
export function registerRoute(app: FastifyInstance, deps: RegisterRouteDeps): void {
  app.post('/register', deps.trust.tppRoute(), async (request, reply) => {
    const tpp = request.tpp as TppIdentity;
    const input = parseRegistration(request.body, tpp.organizationIdentifier, deps.trustStore, deps.now());
    const revoked = revocationRefusal(
      await deps.revocation.status(input.signingCertificate),
      'signing_certificate (QSealC)',
      'register a valid one',
    );
    if (revoked) throw revoked;
    const { createdAt } = await deps.clients.save({
      clientId: tpp.organizationIdentifier,
      clientName: input.clientName,
      redirectUris: input.redirectUris,
      signingCertificate: input.signingCertificatePem,
      signingCertificateUrl: input.signingCertificateUrl,
      requirePkce: input.requirePkce,
    });
    deps.onRegistered(tpp.organizationIdentifier);
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({
        client_id: tpp.organizationIdentifier,
        client_id_issued_at: Math.floor(createdAt.getTime() / 1000),
        client_name: input.clientName,
        redirect_uris: input.redirectUris,
        token_endpoint_auth_method: 'tls_client_auth',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        signing_certificate_serial: input.signingCertificate.serialNumber,
        signing_certificate_issuer: formatDn(input.signingCertificate.issuer),
        require_pkce: input.requirePkce,
        ...(input.signingCertificateUrl ? { signing_certificate_url: input.signingCertificateUrl } : {}),
      });
  });
}
