import { createPrivateKey, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { KeyAndCertificate } from '../eidas/issue-certificate.ts';
import { keyHash } from './certificate-fields.ts';
import { explicit, generalizedTime, octets, oid, sequence } from './der-write.ts';
import { encodeCertId, type OcspCertId } from './ocsp-cert-id.ts';
import { nonceExtension } from './ocsp-nonce.ts';
import { OCSP_RESPONSE_STATUS } from './ocsp-response-status.ts';
import { REVOCATION_OID, REVOCATION_REASON_CODES, type RevocationReason } from './oids.ts';
import { caSigner } from './signature-algorithms.ts';

/** The responder's answer about one CertID (RFC 6960 §4.2.1 CertStatus). */
export type OcspAnswer =
  | { readonly certId: OcspCertId; readonly status: 'good' | 'unknown' }
  | {
      readonly certId: OcspCertId;
      readonly status: 'revoked';
      readonly revokedAt: Date;
      readonly reason?: RevocationReason;
    };

export interface OcspResponseOptions {
  readonly thisUpdate: Date;
  /** When newer information will be available; clients cache the answer until then (RFC 5019 §4). */
  readonly nextUpdate: Date;
  /** When the response was signed (RFC 6960 §4.2.2.1); `thisUpdate` when not given. */
  readonly producedAt?: Date;
  /** The request's nonce, echoed (RFC 8954 §2.1). */
  readonly nonce?: Uint8Array;
}

const contextPrimitive = (tagNumber: number) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber } });

/** CertStatus: good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL. */
function certStatus(answer: OcspAnswer): asn1js.BaseBlock {
  if (answer.status !== 'revoked') return contextPrimitive(answer.status === 'good' ? 0 : 2);
  const info: asn1js.BaseBlock[] = [generalizedTime(answer.revokedAt)];
  // unspecified (0) is better left out (RFC 5280 §5.3.1), as in a CRL entry.
  if (answer.reason && answer.reason !== 'unspecified') {
    info.push(explicit(0, new asn1js.Enumerated({ value: REVOCATION_REASON_CODES[answer.reason] })));
  }
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: info });
}

function singleResponse(answer: OcspAnswer, options: OcspResponseOptions): asn1js.Sequence {
  return sequence(
    encodeCertId(answer.certId),
    certStatus(answer),
    generalizedTime(options.thisUpdate),
    explicit(0, generalizedTime(options.nextUpdate)),
  );
}

/**
 * DER of a successful OCSPResponse signed by the CA itself (RFC 6960 §4.2.2.2, first case), the
 * responder identified by the SHA-1 hash of the CA key (ResponderID byKey, RFC 6960 §4.2.1).
 */
export function createOcspResponse(
  ca: KeyAndCertificate,
  answers: readonly OcspAnswer[],
  options: OcspResponseOptions,
): Buffer {
  if (answers.length === 0) throw new TypeError('an OCSP response answers at least one CertID');
  if (options.nextUpdate < options.thisUpdate) throw new RangeError('nextUpdate is before thisUpdate');
  const caCertificate = new X509Certificate(ca.certificatePem);
  // version DEFAULT v1 is absent in DER; ResponderID and responseExtensions are EXPLICIT tags.
  const responseData = sequence(
    explicit(2, octets(keyHash(caCertificate))),
    generalizedTime(options.producedAt ?? options.thisUpdate),
    sequence(...answers.map((answer) => singleResponse(answer, options))),
  );
  if (options.nonce) {
    responseData.valueBlock.value.push(explicit(1, sequence(nonceExtension(options.nonce))));
  }
  const signer = caSigner(createPrivateKey(ca.privateKeyPem));
  const signature = signer.sign(new Uint8Array(responseData.toBER()));
  const basic = sequence(responseData, signer.algorithm, new asn1js.BitString({ valueHex: signature }));
  const responseBytes = sequence(oid(REVOCATION_OID.ocspBasic), octets(basic.toBER()));
  return Buffer.from(
    sequence(
      new asn1js.Enumerated({ value: OCSP_RESPONSE_STATUS.successful }),
      explicit(0, responseBytes),
    ).toBER(),
  );
}
