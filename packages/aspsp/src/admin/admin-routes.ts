import {
  isPsd2Role,
  normaliseSerial,
  PSD2_ORGANIZATION_IDENTIFIER,
  type RevocationReason,
} from '@openstet/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type CertificateRevocation,
  REVOCATION_REASONS,
  type RevocationList,
} from '../core/ports/revocation-list.ts';
import type { TppLicence, TppRegistry } from '../core/tpp/tpp-licence.ts';
import { Errors } from '../http/api-error.ts';
import { sameSecret } from '../security/secrets.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function licenceFrom(body: unknown): TppLicence {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { organizationIdentifier, name, ncaName, ncaId, roles, status } = fields;
  if (
    typeof organizationIdentifier !== 'string' ||
    !PSD2_ORGANIZATION_IDENTIFIER.test(organizationIdentifier)
  ) {
    throw Errors.invalidBody('organizationIdentifier must look like PSDFR-ACPR-12345');
  }
  if (typeof name !== 'string' || name.trim() === '')
    throw Errors.invalidBody('name must be a non-empty string');
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((role) => typeof role === 'string' && isPsd2Role(role))
  ) {
    throw Errors.invalidBody('roles must list PSD2 roles: PSP_AS, PSP_PI, PSP_AI, PSP_IC');
  }
  if (status !== 'licensed' && status !== 'withdrawn')
    throw Errors.invalidBody('status must be licensed or withdrawn');
  return {
    organizationIdentifier,
    name: name.trim(),
    ncaName: typeof ncaName === 'string' && ncaName ? ncaName : 'ACPR',
    ncaId: typeof ncaId === 'string' && ncaId ? ncaId : 'FR-ACPR',
    roles,
    status,
  };
}

function revocationFrom(body: unknown, now: Date): CertificateRevocation {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { serialNumber, reason = 'unspecified' } = fields;
  if (
    typeof serialNumber !== 'string' ||
    !/^(0x)?[0-9A-Fa-f:]{1,64}$/.test(serialNumber) ||
    !/[0-9A-Fa-f]/.test(serialNumber.replace(/^0x/, ''))
  )
    throw Errors.invalidBody('serialNumber must be the certificate serial in hex');
  if (typeof reason !== 'string' || !REVOCATION_REASONS.includes(reason as RevocationReason))
    throw Errors.invalidBody(`reason must be one of ${REVOCATION_REASONS.join(', ')}`);
  return { serialNumber: normaliseSerial(serialNumber), revokedAt: now, reason: reason as RevocationReason };
}

export interface AdminDeps {
  readonly secret: string;
  readonly registry: TppRegistry;
  /** The sandbox test CA's revocations (`openstet certs revoke`). */
  readonly revocations: RevocationList;
  /** Called after a revocation, so that this node's cached statuses are dropped at once. */
  readonly onRevoked: () => void;
  readonly now: () => Date;
}

/**
 * Loopback-only administration of a running sandbox, used by `openstet certs tpp|revoke` and `openstet registry`
 * (PGlite is single-process: the CLI must not open the database the server holds). Authenticated by the
 * secret in `<dataDir>/admin.secret`.
 */
export function adminRoutes(app: FastifyInstance, options: AdminDeps): void {
  const guard = async (request: FastifyRequest) => {
    if (!LOOPBACK.test(request.raw.socket.remoteAddress ?? ''))
      throw Errors.notFound(`No resource at ${request.url}`);
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || !sameSecret(token, options.secret)) {
      throw Errors.forbidden('Admin calls need the secret kept in the data directory (admin.secret)');
    }
  };
  app.get('/admin/registry', { onRequest: guard }, async () => ({ licences: await options.registry.list() }));
  app.post('/admin/registry', { onRequest: guard }, async (request) => {
    const licence = licenceFrom(request.body);
    await options.registry.save(licence);
    return { licence };
  });
  app.get('/admin/revocations', { onRequest: guard }, async () => ({
    revocations: await options.revocations.list(),
  }));
  app.post('/admin/revocations', { onRequest: guard }, async (request) => {
    const revocation = revocationFrom(request.body, options.now());
    await options.revocations.revoke(revocation);
    options.onRevoked();
    return { revocation };
  });
}
