import { canonicalDn, DnSyntaxError, formatDn, parseDn } from '../eidas/distinguished-name.ts';
import { type EidasCertificate, normaliseSerial } from '../eidas/read-certificate.ts';

/**
 * A keyId names the QSealC that signed a request. Two forms are in use for STET:
 * - BPCE's `SN=<hex serial>,CA=<issuer DN>` (seed, "Console Try-it"), also written `CA=…,SN=…`;
 * - the STET URL form: "an URL aiming to provide the relevant Qualified Certificate" (STET Part I §3.5).
 * Neither is ever dereferenced: both are matched against certificates the TPP registered.
 */
export type KeyId =
  | { readonly kind: 'serial-and-issuer'; readonly serial: string; readonly issuers: readonly string[] }
  | { readonly kind: 'url'; readonly url: string };

const SN_FIRST = /^\s*SN\s*=\s*(?:0x)?([0-9a-f:]+)\s*,\s*CA\s*=\s*(.+)$/is;
const CA_FIRST = /^\s*CA\s*=\s*(.+?)\s*,\s*SN\s*=\s*(?:0x)?([0-9a-f:]+)\s*$/is;

function canonicalIssuers(text: string): string[] {
  // Some TPPs URL-encode the DN (Berlin Group sample `CN=D-TRUST%20CA%202-1%202015`): try both readings.
  const readings = new Set([text]);
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      readings.add(decodeURIComponent(text));
    } catch {
      // not URL-encoded after all
    }
  }
  return [...readings].flatMap((reading) => {
    try {
      return [canonicalDn(parseDn(reading))];
    } catch (error) {
      if (error instanceof DnSyntaxError) return [];
      throw error;
    }
  });
}

/** Parses a keyId; `undefined` when it is in neither known form. */
export function parseKeyId(keyId: string): KeyId | undefined {
  const snFirst = SN_FIRST.exec(keyId);
  const caFirst = snFirst ? undefined : CA_FIRST.exec(keyId);
  const serial = snFirst?.[1] ?? caFirst?.[2];
  const issuer = snFirst?.[2] ?? caFirst?.[1];
  if (serial && issuer) {
    return Object.freeze({
      kind: 'serial-and-issuer',
      serial: normaliseSerial(serial),
      issuers: canonicalIssuers(issuer),
    });
  }
  try {
    const url = new URL(keyId.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:')
      return Object.freeze({ kind: 'url', url: url.href });
  } catch {
    // not a URL
  }
  return undefined;
}

/**
 * Whether a keyId designates this certificate: serial compared as a number (hex, any case, leading zeros),
 * issuer compared semantically (any order, names or OIDs, spacing, escaping); a URL must equal one the TPP
 * registered for it.
 */
export function keyIdMatches(
  keyId: KeyId,
  certificate: EidasCertificate,
  registeredUrls: readonly string[] = [],
): boolean {
  if (keyId.kind === 'url') return registeredUrls.some((url) => new URL(url).href === keyId.url);
  const issuer = canonicalDn(certificate.issuer);
  return keyId.serial === certificate.serialNumber && keyId.issuers.includes(issuer);
}

/** The BPCE keyId of a certificate: `SN=<hex serial>,CA=<issuer DN, RFC 4514>`. */
export function serialAndIssuerKeyId(certificate: EidasCertificate): string {
  return `SN=${certificate.serialNumber},CA=${formatDn(certificate.issuer)}`;
}
