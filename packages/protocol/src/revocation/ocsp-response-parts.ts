import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  children,
  type ExtensionValue,
  explicitValue,
  isContext,
  octetsOf,
  oidOf,
  parseDer,
  readExtensions,
  timeOf,
} from './der-read.ts';
import { refuse } from './errors.ts';
import { decodeCertId, type OcspCertId } from './ocsp-cert-id.ts';
import { responseStatusName } from './ocsp-response-status.ts';
import { REVOCATION_OID } from './oids.ts';

/** ResponderID (RFC 6960 §4.2.1): the DER of the responder's Name, or the SHA-1 hash of its key. */
export type ResponderId = { readonly byName: Uint8Array } | { readonly byKey: Buffer };

export interface SingleResponse {
  /** `undefined` when the CertID uses a hash we do not know: it cannot be about our certificate. */
  readonly certId: OcspCertId | undefined;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt: Date | undefined;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly extensions: readonly ExtensionValue[];
}

/** A BasicOCSPResponse (RFC 6960 §4.2.1) as received, before any of it is trusted. */
export interface BasicResponse {
  /** tbsResponseData exactly as received: what the signature covers. */
  readonly signed: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly responderId: ResponderId;
  readonly responses: readonly SingleResponse[];
  readonly extensions: readonly ExtensionValue[];
  readonly certificates: readonly X509Certificate[];
}

function extensionsIn(block: asn1js.BaseBlock | undefined, what: string): readonly ExtensionValue[] {
  return block ? readExtensions(explicitValue(block, what), what) : [];
}

function singleResponse(block: asn1js.BaseBlock): SingleResponse {
  const [certId, status, thisUpdate, ...rest] = children(block, 'SingleResponse');
  const nextUpdate = rest.find((field) => isContext(field, 0));
  // CertStatus: good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL.
  const revoked = isContext(status, 1);
  if (!revoked && !isContext(status, 0) && !isContext(status, 2))
    refuse('malformed', 'unknown OCSP certStatus');
  return {
    certId: decodeCertId(certId),
    status: revoked ? 'revoked' : isContext(status, 0) ? 'good' : 'unknown',
    revokedAt: revoked ? timeOf(children(status, 'RevokedInfo')[0], 'revocationTime') : undefined,
    thisUpdate: timeOf(thisUpdate, 'thisUpdate'),
    nextUpdate: nextUpdate ? timeOf(explicitValue(nextUpdate, 'nextUpdate'), 'nextUpdate') : undefined,
    extensions: extensionsIn(
      rest.find((field) => isContext(field, 1)),
      'singleExtensions',
    ),
  };
}

function responderId(block: asn1js.BaseBlock | undefined): ResponderId {
  // byName [1] Name, byKey [2] KeyHash, both EXPLICIT (the OCSP module uses EXPLICIT TAGS).
  if (isContext(block, 1)) return { byName: explicitValue(block, 'responderID').valueBeforeDecodeView };
  if (isContext(block, 2))
    return { byKey: octetsOf(explicitValue(block, 'responderID'), 'responderID byKey') };
  return refuse('malformed', 'OCSP responderID is neither byName nor byKey');
}

function certificatesIn(block: asn1js.BaseBlock | undefined): readonly X509Certificate[] {
  if (!isContext(block, 0)) return [];
  return children(explicitValue(block, 'certs'), 'certs').map((certificate) => {
    try {
      return new X509Certificate(certificate.valueBeforeDecodeView);
    } catch {
      return refuse('malformed', 'a certificate in the OCSP response cannot be read');
    }
  });
}

/** The BasicOCSPResponse inside responseBytes; refuses any status but `successful` (RFC 6960 §4.2.1). */
function basicResponseDer(der: Uint8Array): Buffer {
  const [status, responseBytes] = children(parseDer(der, 'OCSP response'), 'OCSPResponse');
  if (!(status instanceof asn1js.Enumerated))
    refuse('malformed', 'OCSP responseStatus is not an enumeration');
  const code = status.valueBlock.valueDec;
  // Error responses are unsigned (RFC 6960 §4.2.1): they say nothing about the certificate.
  if (code !== 0) refuse('response-unsuccessful', `OCSP responder answered ${responseStatusName(code)}`);
  if (!isContext(responseBytes, 0)) refuse('malformed', 'successful OCSP response without responseBytes');
  const [type, response] = children(explicitValue(responseBytes, 'responseBytes'), 'ResponseBytes');
  const responseType = oidOf(type, 'responseType');
  // id-pkix-ocsp-basic is the one type responders must support (RFC 6960 §4.2.1).
  if (responseType !== REVOCATION_OID.ocspBasic) {
    refuse('response-type-unsupported', `OCSP response type ${responseType} is not id-pkix-ocsp-basic`);
  }
  return octetsOf(response, 'OCSP response bytes');
}

/** Parses an OCSPResponse down to its BasicOCSPResponse; checks nothing a signature would prove. */
export function parseOcspResponse(der: Uint8Array): BasicResponse {
  const basic = children(parseDer(basicResponseDer(der), 'BasicOCSPResponse'), 'BasicOCSPResponse');
  const [tbs, algorithm, signature, certs] = basic;
  if (!tbs || !(signature instanceof asn1js.BitString) || signature.valueBlock.unusedBits !== 0) {
    refuse('malformed', 'BasicOCSPResponse lacks its data or a whole-octet signature');
  }
  // version [0] EXPLICIT DEFAULT v1 is skipped; the fields that follow are positional.
  const fields = children(tbs, 'ResponseData').filter((field) => !isContext(field, 0));
  const [responder, producedAt, responses, extensions] = fields;
  timeOf(producedAt, 'producedAt');
  return {
    signed: tbs.valueBeforeDecodeView,
    signatureAlgorithm: oidOf(children(algorithm, 'signatureAlgorithm')[0], 'signatureAlgorithm'),
    signature: signature.valueBlock.valueHexView,
    responderId: responderId(responder),
    responses: children(responses, 'responses').map(singleResponse),
    extensions: extensionsIn(isContext(extensions, 1) ? extensions : undefined, 'responseExtensions'),
    certificates: certificatesIn(certs),
  };
}
