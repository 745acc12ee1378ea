import { normaliseSerial } from '../eidas/read-certificate.ts';
import type { Tlv } from './der-tlv.ts';
import { positiveIntegerOctets } from './der-write.ts';
import { refuse } from './errors.ts';

/**
 * The value of an INTEGER that must not be negative, from its contents octets `bytes[start, end)`, as
 * `normaliseSerial` writes it (upper-case hex, no leading zeros). Refuses, as malformed, what would
 * otherwise be read silently as another number.
 */
function unsignedHex(bytes: Buffer, start: number, end: number, what: string, rule: string): string {
  // X.690 §8.3.1: an INTEGER has one or more contents octets; `02 00` is no number at all.
  if (end <= start) refuse('malformed', `${what} is an empty INTEGER (X.690 §8.3.1)`);
  // X.690 §8.3.3: two's complement, so a set high bit is a negative number.
  if ((bytes[start] ?? 0) & 0x80) refuse('malformed', `${what} is negative: ${rule}`);
  let from = start;
  while (from < end - 1 && bytes[from] === 0) from += 1;
  const hex = bytes.toString('hex', from, end).toUpperCase();
  return hex.length > 1 && hex.startsWith('0') ? hex.slice(1) : hex;
}

const SERIAL_RULE = 'serial numbers are positive (RFC 5280 §4.1.2.2)';

/** A certificate serial number read in place, as a CRL entry's userCertificate. */
export function serialNumberAt(bytes: Buffer, integer: Tlv, what: string): string {
  return unsignedHex(bytes, integer.contentStart, integer.end, what, SERIAL_RULE);
}

/** A certificate serial number from an INTEGER's contents, as a CertID's serialNumber. */
export function serialNumberFromContents(contents: Uint8Array, what: string): string {
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.length);
  return unsignedHex(bytes, 0, bytes.length, what, SERIAL_RULE);
}

/** A cRLNumber, as hex, from its INTEGER's contents. */
export function crlNumberFromContents(contents: Uint8Array, what: string): string {
  const bytes = Buffer.from(contents.buffer, contents.byteOffset, contents.length);
  return unsignedHex(bytes, 0, bytes.length, what, 'CRL numbers are non-negative (RFC 5280 §5.2.3)');
}

/** The contents octets of a serial number to write; a RangeError for an empty one, a TypeError for non-hex. */
export function serialNumberOctets(serialNumber: string, what: string): Buffer {
  if (normaliseSerial(serialNumber) === '') {
    throw new RangeError(`${what} is empty: a serial number is a positive integer (RFC 5280 §4.1.2.2)`);
  }
  return positiveIntegerOctets(serialNumber);
}
