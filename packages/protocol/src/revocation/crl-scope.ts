import { AsnConvert } from '@peculiar/asn1-schema';
import { IssuingDistributionPoint } from '@peculiar/asn1-x509';
import type { ExtensionValue } from './der-read.ts';
import { refuse } from './errors.ts';
import { REVOCATION_OID } from './oids.ts';

/** Which certificates a complete CRL covers, when its issuingDistributionPoint narrows them. */
export interface CrlScope {
  /** The distributionPoint fullName URIs; empty when the CRL covers every certificate of its issuer. */
  readonly distributionPointUris: readonly string[];
  /** The CRL lists end-entity certificates only (RFC 5280 §5.2.5): not for checking a CA certificate. */
  readonly onlyContainsUserCerts: boolean;
}

const WHOLE: CrlScope = Object.freeze({
  distributionPointUris: Object.freeze([]),
  onlyContainsUserCerts: false,
});

function unsupported(what: string): never {
  return refuse('crl-scope-unsupported', `${what}: it cannot tell that a certificate is not revoked`);
}

function issuingDistributionPoint(value: Buffer): IssuingDistributionPoint {
  try {
    return AsnConvert.parse(value, IssuingDistributionPoint);
  } catch {
    return refuse('malformed', 'CRL issuingDistributionPoint is not an IssuingDistributionPoint');
  }
}

/**
 * What a CRL covers. Only a complete CRL of every reason for the issuer's own end-entity (or all)
 * certificates can say that a certificate is not revoked: a delta CRL (RFC 5280 §5.2.4), an indirect
 * one, or one scoped to some reasons, CA or attribute certificates (§5.2.5) is refused.
 */
export function crlScope(extensions: readonly ExtensionValue[]): CrlScope {
  // A delta lists only the changes since its base CRL. Refused even when, against §5.2.4, not critical.
  if (extensions.some((extension) => extension.id === REVOCATION_OID.deltaCrlIndicator)) {
    unsupported('CRL is a delta CRL (deltaCRLIndicator)');
  }
  const found = extensions.find((extension) => extension.id === REVOCATION_OID.issuingDistributionPoint);
  if (!found) return WHOLE;
  // Read whether or not it is marked critical, as §5.2.5 requires it to be.
  const idp = issuingDistributionPoint(found.value);
  if (idp.onlySomeReasons) unsupported('CRL lists only some revocation reasons (onlySomeReasons)');
  if (idp.indirectCRL) unsupported('CRL is indirect: it may list certificates of other issuers');
  if (idp.onlyContainsCACerts) unsupported('CRL lists only CA certificates (onlyContainsCACerts)');
  if (idp.onlyContainsAttributeCerts) {
    unsupported('CRL lists only attribute certificates (onlyContainsAttributeCerts)');
  }
  const named = idp.distributionPoint;
  const uris = (named?.fullName ?? []).flatMap((name) =>
    name.uniformResourceIdentifier === undefined ? [] : [name.uniformResourceIdentifier],
  );
  // The caller matches these with the URL it fetched the CRL from (RFC 5280 §6.3.3 (b)(2)(i)); a point
  // named only otherwise (nameRelativeToCRLIssuer, a directoryName) cannot be matched.
  if (named && uris.length === 0) unsupported('CRL names its distribution point without a URI');
  return Object.freeze({
    distributionPointUris: Object.freeze(uris),
    onlyContainsUserCerts: idp.onlyContainsUserCerts,
  });
}
