import * as asn1js from 'asn1js';
import { refuse } from './errors.ts';
import { serialNumberFromContents } from './serial-number.ts';

/** An X.509 / OCSP extension, its value still DER (RFC 5280 §4.1). */
export interface ExtensionValue {
  readonly id: string;
  readonly critical: boolean;
  readonly value: Buffer;
}

/**
 * Parses exactly one DER value from untrusted input, within asn1js's depth and node limits. OCTET and
 * BIT STRINGs are not parsed as nested ASN.1: they are opened only where the structure says so.
 */
export function parseDer(bytes: Uint8Array, what: string): asn1js.BaseBlock {
  const parsed = asn1js.fromBER(bytes, { parseEmbedded: false });
  if (parsed.offset === -1 || parsed.offset !== bytes.byteLength)
    refuse('malformed', `${what} is not valid DER`);
  return parsed.result;
}

/** The elements of a SEQUENCE or of an EXPLICIT tag; refuses anything else. */
export function children(block: asn1js.BaseBlock | undefined, what: string): readonly asn1js.BaseBlock[] {
  if (!(block instanceof asn1js.Constructed)) refuse('malformed', `${what} is not a constructed value`);
  return block.valueBlock.value;
}

/** Whether a block carries the context-specific tag [number]. */
export function isContext(block: asn1js.BaseBlock | undefined, number: number): boolean {
  return block?.idBlock.tagClass === 3 && block.idBlock.tagNumber === number;
}

/** The single value inside an EXPLICIT context tag. */
export function explicitValue(block: asn1js.BaseBlock | undefined, what: string): asn1js.BaseBlock {
  const [inner, extra] = children(block, what);
  if (!inner || extra) refuse('malformed', `${what} must hold exactly one value`);
  return inner;
}

export function oidOf(block: asn1js.BaseBlock | undefined, what: string): string {
  if (!(block instanceof asn1js.ObjectIdentifier)) refuse('malformed', `${what} is not an object identifier`);
  return block.valueBlock.toString();
}

/** The content of a (primitive, as DER requires) OCTET STRING. */
export function octetsOf(block: asn1js.BaseBlock | undefined, what: string): Buffer {
  if (!(block instanceof asn1js.OctetString) || block.idBlock.isConstructed) {
    refuse('malformed', `${what} is not an octet string`);
  }
  return Buffer.from(block.valueBlock.valueHexView);
}

/**
 * A certificate serial number as `normaliseSerial` writes it (upper-case hex, no leading zeros); an empty
 * or a negative INTEGER is refused as malformed.
 */
export function serialOf(block: asn1js.BaseBlock | undefined, what: string): string {
  if (!(block instanceof asn1js.Integer)) refuse('malformed', `${what} is not an integer`);
  return serialNumberFromContents(block.valueBlock.valueHexView, what);
}

export function timeOf(block: asn1js.BaseBlock | undefined, what: string): Date {
  if (!(block instanceof asn1js.GeneralizedTime)) refuse('malformed', `${what} is not a GeneralizedTime`);
  const date = block.toDate();
  if (Number.isNaN(date.getTime())) refuse('malformed', `${what} is not a valid time`);
  return date;
}

/** Extensions ::= SEQUENCE OF Extension (RFC 5280 §4.1); `critical` is DEFAULT FALSE. */
export function readExtensions(block: asn1js.BaseBlock | undefined, what: string): readonly ExtensionValue[] {
  return children(block, what).map((extension) => {
    const [id, second, third] = children(extension, `${what} extension`);
    const critical = second instanceof asn1js.Boolean ? second.getValue() : false;
    const value = second instanceof asn1js.Boolean ? third : second;
    return {
      id: oidOf(id, `${what} extension id`),
      critical,
      value: octetsOf(value, `${what} extension value`),
    };
  });
}

/** RFC 5280 §4.2: a critical extension that is not understood makes the whole object unusable. */
export function refuseUnknownCritical(
  extensions: readonly ExtensionValue[],
  known: readonly string[],
  what: string,
): void {
  const unknown = extensions.find((extension) => extension.critical && !known.includes(extension.id));
  if (unknown)
    refuse(
      'critical-extension-unsupported',
      `${what} has a critical extension ${unknown.id} we do not process`,
    );
}
