import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name } from '@peculiar/asn1-x509';
import { sameDn } from '../eidas/distinguished-name.ts';
import { toDn } from '../eidas/read-certificate.ts';
import { certificateFields, keyHash } from './certificate-fields.ts';
import { refuse } from './errors.ts';
import type { BasicResponse, ResponderId } from './ocsp-response-parts.ts';
import { REVOCATION_OID } from './oids.ts';

function dnOf(der: Uint8Array) {
  try {
    return toDn(AsnConvert.parse(der, Name));
  } catch {
    return refuse('malformed', 'OCSP responderID byName is not a Name');
  }
}

function identifies(id: ResponderId, certificate: X509Certificate): boolean {
  if ('byKey' in id) return keyHash(certificate).equals(id.byKey);
  return sameDn(dnOf(id.byName), dnOf(certificateFields(certificate).subjectName));
}

/**
 * The certificate whose key signed the response, once it is allowed to answer for the issuer's
 * certificates (RFC 6960 §4.2.2.2): the issuing CA itself, or a delegated responder that the CA issued
 * with id-kp-OCSPSigning. A locally trusted responder (the third case) is not supported.
 */
export function authorisedSigner(
  response: BasicResponse,
  issuer: X509Certificate,
  now: Date,
  skewMs: number,
): X509Certificate {
  if (identifies(response.responderId, issuer)) return issuer;
  const responder = response.certificates.find((certificate) =>
    identifies(response.responderId, certificate),
  );
  if (!responder) {
    refuse(
      'responder-unknown',
      'OCSP response is signed neither by the CA nor by a responder certificate it carries',
    );
  }
  // "issued directly by the CA that is identified in the request" (RFC 6960 §4.2.2.2)
  if (!responder.checkIssued(issuer) || !responder.verify(issuer.publicKey)) {
    refuse('responder-not-authorized', "OCSP responder certificate was not issued by the certificate's CA");
  }
  if (!(responder.keyUsage ?? []).includes(REVOCATION_OID.ocspSigning)) {
    refuse(
      'responder-not-authorized',
      'OCSP responder certificate lacks the id-kp-OCSPSigning extended key usage',
    );
  }
  const time = now.getTime();
  if (time + skewMs < Date.parse(responder.validFrom) || time - skewMs > Date.parse(responder.validTo)) {
    refuse('responder-not-authorized', 'OCSP responder certificate is not valid now');
  }
  return responder;
}
