import * as asn1js from 'asn1js';
import { normaliseSerial } from '../eidas/read-certificate.ts';

export function sequence(...value: asn1js.BaseBlock[]): asn1js.Sequence {
  return new asn1js.Sequence({ value });
}

export function explicit(tagNumber: number, inner: asn1js.BaseBlock): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [inner] });
}

export function oid(value: string): asn1js.ObjectIdentifier {
  return new asn1js.ObjectIdentifier({ value });
}

export function octets(value: Uint8Array | ArrayBuffer): asn1js.OctetString {
  return new asn1js.OctetString({ valueHex: value });
}

/**
 * The content octets of a positive INTEGER written in hex: minimal, with a leading zero octet when the
 * high bit is set (X.690 §8.3), as serial numbers and CRL numbers are encoded.
 */
export function positiveIntegerOctets(hex: string): Buffer {
  const digits = normaliseSerial(hex);
  if (!/^[0-9A-F]+$/.test(digits)) throw new TypeError(`not a hexadecimal integer: ${hex}`);
  const even = digits.length % 2 === 1 ? `0${digits}` : digits;
  return Buffer.from(/^[89A-F]/.test(even) ? `00${even}` : even, 'hex');
}

export function integerFromHex(hex: string): asn1js.Integer {
  return new asn1js.Integer({ valueHex: positiveIntegerOctets(hex) });
}

/** A date truncated to the second: X.509 and OCSP times carry no fractions (RFC 5280 §4.1.2.5.2). */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function generalizedTime(date: Date): asn1js.GeneralizedTime {
  return new asn1js.GeneralizedTime({ valueDate: wholeSeconds(date) });
}

/** A non-critical Extension (RFC 5280 §4.1): critical is DEFAULT FALSE, so DER leaves it out. */
export function extension(id: string, value: ArrayBuffer): asn1js.Sequence {
  return sequence(oid(id), octets(value));
}
