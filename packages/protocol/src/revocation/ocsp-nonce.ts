import * as asn1js from 'asn1js';
import type { ExtensionValue } from './der-read.ts';
import { extension, octets } from './der-write.ts';
import { refuse } from './errors.ts';
import { REVOCATION_OID } from './oids.ts';

/** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
function validLength(nonce: Uint8Array): boolean {
  return nonce.length >= 1 && nonce.length <= 32;
}

/** A received nonce out of bounds makes the request malformed. */
export function checkNonceLength(nonce: Uint8Array, what: string): void {
  if (!validLength(nonce)) refuse('malformed', `${what} nonce must be 1 to 32 octets (RFC 8954 §2.1)`);
}

/** The nonce extension; its extnValue is the DER of an OCTET STRING (RFC 8954 §2.1, as OpenSSL sends it). */
export function nonceExtension(nonce: Uint8Array): asn1js.Sequence {
  if (!validLength(nonce)) throw new RangeError('an OCSP nonce is 1 to 32 octets (RFC 8954 §2.1)');
  return extension(REVOCATION_OID.ocspNonce, octets(nonce).toBER());
}

/**
 * The nonce of a request or response, if any. Responders before RFC 8954 put the bare octets in
 * extnValue instead of an OCTET STRING: both forms are read.
 */
export function nonceOf(extensions: readonly ExtensionValue[]): Buffer | undefined {
  const found = extensions.find((candidate) => candidate.id === REVOCATION_OID.ocspNonce);
  if (!found) return undefined;
  const parsed = asn1js.fromBER(found.value, { parseEmbedded: false });
  const inner = parsed.result;
  const wrapped =
    parsed.offset === found.value.length &&
    inner instanceof asn1js.OctetString &&
    !inner.idBlock.isConstructed;
  return wrapped ? Buffer.from(inner.valueBlock.valueHexView) : found.value;
}
