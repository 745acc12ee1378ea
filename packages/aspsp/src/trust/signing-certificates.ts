import { type EidasCertificate, readEidasCertificate } from '@openstet/protocol';
import type { ClientRegistry } from '../domain/client-registration.ts';
import type { TrustStore } from './trust-store.ts';
import { type TtlCache, ttlCache } from './ttl-cache.ts';

/** The QSealC a TPP registered, parsed once, with the keyId URL it may use for it. */
export interface SigningCertificate {
  readonly certificate: EidasCertificate;
  readonly urls: readonly string[];
  /** Still issued by a CA the bank trusts (a CA may be removed from the trust store after registration). */
  readonly trusted: boolean;
}

export function signingCertificates(
  clients: ClientRegistry,
  trustStore: TrustStore,
  ttlMs: number,
): TtlCache<SigningCertificate | undefined> {
  return ttlCache(async (clientId) => {
    const registration = await clients.find(clientId);
    if (!registration) return undefined;
    const certificate = readEidasCertificate(registration.signingCertificate);
    return Object.freeze({
      certificate,
      urls: registration.signingCertificateUrl ? [registration.signingCertificateUrl] : [],
      trusted: trustStore.issued(certificate),
    });
  }, ttlMs);
}
