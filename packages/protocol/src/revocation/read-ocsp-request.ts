import { children, isContext, parseDer, readExtensions, refuseUnknownCritical } from './der-read.ts';
import { refuse } from './errors.ts';
import { decodeCertId, type OcspCertId } from './ocsp-cert-id.ts';
import { checkNonceLength, nonceOf } from './ocsp-nonce.ts';
import { REVOCATION_OID } from './oids.ts';

/** What a client asks an OCSP responder (RFC 6960 §4.1.1). */
export interface OcspRequestContent {
  readonly certIds: readonly OcspCertId[];
  readonly nonce: Buffer | undefined;
}

/**
 * Reads an OCSPRequest; throws `RevocationDataError` (answer `malformedRequest`) when it is not one or
 * uses a CertID hash we do not know. A request signature (optionalSignature) is ignored: we never ask for one.
 */
export function readOcspRequest(der: Uint8Array): OcspRequestContent {
  const [tbsRequest] = children(parseDer(der, 'OCSP request'), 'OCSPRequest');
  const fields = children(tbsRequest, 'TBSRequest').filter(
    (field) => !isContext(field, 0) && !isContext(field, 1),
  );
  const [requestList, extensionsBlock] = fields;
  const certIds = children(requestList, 'requestList').map((request) => {
    const certId = decodeCertId(children(request, 'Request')[0]);
    if (!certId) refuse('algorithm-unsupported', 'OCSP request CertID uses a hash we do not know');
    return certId;
  });
  if (certIds.length === 0) refuse('malformed', 'OCSP request asks about no certificate');
  const extensions = isContext(extensionsBlock, 2)
    ? readExtensions(children(extensionsBlock, 'requestExtensions')[0], 'OCSP request')
    : [];
  refuseUnknownCritical(extensions, [REVOCATION_OID.ocspNonce], 'OCSP request');
  const nonce = nonceOf(extensions);
  if (nonce) checkNonceLength(nonce, 'OCSP request');
  return Object.freeze({ certIds: Object.freeze(certIds), nonce });
}
