import type { StetVersion } from '@openstet/protocol';

/**
 * Hrefs of the account-information resources. Path-absolute (`/stet/psd2/<version>/…`, resolved against
 * the API host the TPP called): STET's own examples are relative, and a path leaves room within the 140
 * characters of a GenericLink whatever the bank's host name (ADR 0006).
 */
export function informationHref(version: StetVersion, path: string): { readonly href: string } {
  return { href: `/stet/psd2/${version}${path}` };
}

export const accountPath = (accountId: string, read: 'balances' | 'transactions') =>
  `/accounts/${accountId}/${read}`;
