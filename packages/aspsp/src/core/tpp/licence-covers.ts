import type { Psd2Role } from '@openstet/protocol';
import type { TppLicence } from './tpp-licence.ts';

export type LicenceRefusal = 'not-registered' | 'licence-withdrawn' | 'role-not-licensed';

/**
 * Does the register let this TPP act now, and for `role` when given? It must be in the register of
 * licensed TPPs (REGAFI / EBA register), its licence not withdrawn, and the competent authority must have
 * granted the role (RTS Art. 34(3), ETSI TS 119 495 §5.1). The one place this rule is written: the trust
 * chain, the authorization endpoint and every grant at /token ask it.
 */
export function licenceCovers(licence: TppLicence | undefined, role?: Psd2Role): LicenceRefusal | undefined {
  if (!licence) return 'not-registered';
  if (licence.status === 'withdrawn') return 'licence-withdrawn';
  if (role !== undefined && !licence.roles.includes(role)) return 'role-not-licensed';
  return undefined;
}
