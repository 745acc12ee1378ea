import { refuse } from './errors.ts';

/**
 * One DER value located in a buffer, not copied and not decoded: where a structure of any size (a CRL
 * of tens of thousands of entries) is walked in one linear pass, without asn1js's node limit.
 */
export interface Tlv {
  /** The identifier octet: class, constructed bit and a tag number below 31. */
  readonly tag: number;
  /** Offset of the identifier octet: `bytes.subarray(start, end)` is the whole encoding. */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** The universal tags read here, as identifier octets (X.680 §8.4; SEQUENCE is constructed). */
export const TAG = Object.freeze({
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
});

/** The identifier octet of a context-specific tag [number], constructed as EXPLICIT tags are. */
export const explicitTag = (number: number): number => 0xa0 | number;

/** The value at `offset`, which must end by `limit`. DER only: definite, shortest lengths (X.690 §10.1). */
export function readTlv(bytes: Uint8Array, offset: number, limit: number, what: string): Tlv {
  if (offset + 2 > limit) refuse('malformed', `${what} is truncated`);
  const tag = bytes[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) refuse('malformed', `${what} has a tag number above 30`);
  const first = bytes[offset + 1] ?? 0;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite length; more than 4 length octets cannot describe a buffer we hold.
    if (count === 0 || count > 4 || contentStart + count > limit) {
      refuse('malformed', `${what} has an invalid length`);
    }
    length = 0;
    for (let at = contentStart; at < contentStart + count; at += 1) length = length * 256 + (bytes[at] ?? 0);
    // X.690 §10.1: the long form only from 128, without leading zero octets.
    if (length < 0x80 || bytes[contentStart] === 0) refuse('malformed', `${what} length is not DER`);
    contentStart += count;
  }
  if (contentStart + length > limit) refuse('malformed', `${what} is truncated`);
  return { tag, start: offset, contentStart, end: contentStart + length };
}

/** The one value that fills `bytes` exactly. */
export function readWholeTlv(bytes: Uint8Array, what: string): Tlv {
  const tlv = readTlv(bytes, 0, bytes.length, what);
  if (tlv.end !== bytes.length) refuse('malformed', `${what} is followed by extra bytes`);
  return tlv;
}

/** Refuses a value that is missing or carries another tag. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv?.tag !== tag) refuse('malformed', `${what} is missing or not of the expected type`);
  return tlv;
}

/** The values inside a constructed value, which must fill it exactly. */
export function childrenOf(bytes: Uint8Array, parent: Tlv, what: string): readonly Tlv[] {
  if ((parent.tag & 0x20) === 0) refuse('malformed', `${what} is not a constructed value`);
  const found: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(bytes, at, parent.end, what);
    found.push(child);
    at = child.end;
  }
  return found;
}

/** The contents octets, as a view into `bytes` (not a copy). */
export function contentsOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding (tag, length, contents), as a view into `bytes`. */
export function encodingOf(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end);
}
