import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  CRLDistributionPoints,
  type Extension,
  type GeneralName,
  id_ad_ocsp,
  id_ce_cRLDistributionPoints,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';

/** Where a certificate's revocation status is published. */
export interface RevocationUrls {
  readonly crlUrls: readonly string[];
  readonly ocspUrls: readonly string[];
}

function uris(names: readonly GeneralName[] | undefined): string[] {
  return (names ?? []).flatMap((name) =>
    name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : [],
  );
}

function extensionValue<T>(extensions: readonly Extension[], id: string, type: new () => T): T | undefined {
  const found = extensions.find((extension) => extension.extnID === id);
  return found ? AsnConvert.parse(found.extnValue.buffer, type) : undefined;
}

/**
 * The URIs of the CRL Distribution Points (RFC 5280 §4.2.1.13) and of the id-ad-ocsp access
 * descriptions of Authority Information Access (RFC 5280 §4.2.2.1), in certificate order. A
 * distribution point limited to some reasons or with its own cRLIssuer is left out: its CRL alone
 * does not tell whether the certificate is revoked.
 */
export function revocationUrls(extensions: readonly Extension[] = []): RevocationUrls {
  // Spread into plain arrays: map/flatMap on the parsed AsnArray subclasses would build AsnArrays.
  const points = [...(extensionValue(extensions, id_ce_cRLDistributionPoints, CRLDistributionPoints) ?? [])];
  const access = [
    ...(extensionValue(extensions, id_pe_authorityInfoAccess, AuthorityInfoAccessSyntax) ?? []),
  ];
  return Object.freeze({
    crlUrls: Object.freeze(
      points.flatMap((point) =>
        point.reasons || point.cRLIssuer ? [] : uris(point.distributionPoint?.fullName),
      ),
    ),
    ocspUrls: Object.freeze(
      access.flatMap((description) =>
        description.accessMethod === id_ad_ocsp ? uris([description.accessLocation]) : [],
      ),
    ),
  });
}
