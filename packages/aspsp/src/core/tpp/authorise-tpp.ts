import type { EidasCertificate, Psd2Role } from '@openstet/protocol';
import { licenceCovers } from './licence-covers.ts';
import type { TppLicence } from './tpp-licence.ts';

/** What the bank knows of the TPP on the other end of the TLS connection (from its QWAC). */
export interface TppIdentity {
  readonly organizationIdentifier: string;
  readonly organizationName: string | undefined;
  readonly roles: readonly Psd2Role[];
  readonly fingerprint256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The QWAC itself, for its revocation status (CRL, OCSP). */
  readonly certificate: EidasCertificate;
}

export type TppRefusal =
  | { readonly reason: 'certificate-not-yet-valid' | 'certificate-expired'; readonly at: Date }
  | { readonly reason: 'not-registered' }
  | { readonly reason: 'licence-withdrawn' }
  | { readonly reason: 'role-not-in-certificate' | 'role-not-licensed'; readonly role: Psd2Role };

/**
 * May this TPP call an endpoint needing `role` now? The QWAC must be valid now, its organisation licensed
 * and not withdrawn, and the role present both in the certificate (RTS Art. 34(3), ETSI TS 119 495 §5.1)
 * and in the licence (`licenceCovers`). `role` undefined means any PSD2 role will do.
 */
export function authoriseTpp(
  identity: TppIdentity,
  licence: TppLicence | undefined,
  role: Psd2Role | undefined,
  now: Date,
): TppRefusal | undefined {
  if (now < identity.notBefore) return { reason: 'certificate-not-yet-valid', at: identity.notBefore };
  if (now > identity.notAfter) return { reason: 'certificate-expired', at: identity.notAfter };
  const standing = licenceCovers(licence);
  if (standing === 'not-registered' || standing === 'licence-withdrawn') return { reason: standing };
  if (role === undefined) return undefined;
  if (!identity.roles.includes(role)) return { reason: 'role-not-in-certificate', role };
  if (licenceCovers(licence, role)) return { reason: 'role-not-licensed', role };
  return undefined;
}
