import { type EidasCertificate, PSD2_ORGANIZATION_IDENTIFIER } from '@openstet/protocol';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import { Errors } from '../http/api-error.ts';

/**
 * Reads the TPP identity from a client certificate, which must be a PSD2 QWAC: QcType web, a PSD2
 * QcStatement with roles (ETSI TS 119 495 §5.1) and an organizationIdentifier in the `PSDFR-ACPR-12345`
 * form (§5.2.1). Throws the 403 that names what is missing.
 */
export function qwacIdentity(certificate: EidasCertificate): TppIdentity {
  const organizationIdentifier = certificate.organizationIdentifier;
  if (!organizationIdentifier || !PSD2_ORGANIZATION_IDENTIFIER.test(organizationIdentifier)) {
    throw Errors.invalidCertificate(
      'Client certificate has no PSD2 organizationIdentifier (2.5.4.97) such as PSDFR-ACPR-12345',
    );
  }
  if (!certificate.qcTypes.includes('web')) {
    throw Errors.invalidCertificate(
      'Client certificate is not a QWAC: its QcType must be web (ETSI EN 319 412-5)',
    );
  }
  if (!certificate.psd2 || certificate.psd2.roles.length === 0) {
    throw Errors.invalidCertificate(
      'Client certificate has no PSD2 QcStatement with roles (ETSI TS 119 495 §5.1)',
    );
  }
  return Object.freeze({
    organizationIdentifier,
    organizationName: certificate.organizationName,
    roles: certificate.psd2.roles,
    fingerprint256: certificate.fingerprint256,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    certificate,
  });
}
