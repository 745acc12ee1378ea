import { oidFromContents } from './der-oid.ts';
import { readTime } from './der-time.ts';
import { contentsOf, expectTag, readTlv, TAG, type Tlv } from './der-tlv.ts';
import { refuse } from './errors.ts';
import { serialNumberAt } from './serial-number.ts';

/**
 * Refuses a critical entry extension, none of which we process: certificateIssuer, which indirect
 * CRLs use, makes the whole CRL unusable (RFC 5280 §5.3); reasonCode and invalidityDate are never
 * critical. Only the extnID and the critical flag are read: entry extensions are otherwise not used.
 */
function refuseCriticalEntryExtension(der: Uint8Array, list: Tlv): void {
  const what = 'CRL entry extension';
  expectTag(list, TAG.sequence, 'CRL entry extensions');
  for (let at = list.contentStart; at < list.end; ) {
    const extension = expectTag(readTlv(der, at, list.end, what), TAG.sequence, what);
    at = extension.end;
    const id = expectTag(readTlv(der, extension.contentStart, extension.end, what), TAG.oid, what);
    const flag = readTlv(der, id.end, extension.end, what);
    // critical BOOLEAN DEFAULT FALSE, so absent when false in DER; any non-zero octet reads as TRUE.
    if (flag.tag !== TAG.boolean) continue;
    if (flag.end - flag.contentStart !== 1) refuse('malformed', `${what} critical is not a BOOLEAN`);
    if (der[flag.contentStart] === 0) continue;
    const name = oidFromContents(contentsOf(der, id), `${what} id`);
    refuse('critical-extension-unsupported', `CRL entry has a critical extension ${name} we do not process`);
  }
}

/**
 * Revocation date by serial number from revokedCertificates, SEQUENCE OF SEQUENCE { userCertificate
 * CertificateSerialNumber, revocationDate Time, crlEntryExtensions Extensions OPTIONAL } (RFC 5280
 * §5.1), in one pass over the bytes with little allocated per entry: real CRLs list tens of
 * thousands of certificates, and a bank reads them on its request path.
 */
export function revokedSerials(der: Buffer, list: Tlv | undefined): ReadonlyMap<string, Date> {
  const revoked = new Map<string, Date>();
  if (!list) return revoked;
  for (let at = list.contentStart; at < list.end; ) {
    const entry = expectTag(readTlv(der, at, list.end, 'CRL entry'), TAG.sequence, 'CRL entry');
    at = entry.end;
    const serial = expectTag(
      readTlv(der, entry.contentStart, entry.end, 'CRL entry'),
      TAG.integer,
      'CRL entry serialNumber',
    );
    const date = readTlv(der, serial.end, entry.end, 'CRL entry revocationDate');
    if (date.end < entry.end) {
      const extensions = readTlv(der, date.end, entry.end, 'CRL entry extensions');
      if (extensions.end !== entry.end)
        refuse('malformed', 'CRL entry has more fields than a revoked certificate');
      refuseCriticalEntryExtension(der, extensions);
    }
    revoked.set(
      serialNumberAt(der, serial, 'CRL entry serialNumber'),
      readTime(der, date, 'CRL entry revocationDate'),
    );
  }
  return revoked;
}
