import { type EidasCertificate, keyIdMatches, parseKeyId, readEidasCertificate } from '@openstet/protocol';
import type { ClientRegistry } from '../core/tpp/client-registration.ts';
import type { TrustStore } from './trust-store.ts';
import { type TtlCache, ttlCache } from './ttl-cache.ts';

/** How a keyId relates to a registered QSealC. */
export type KeyIdMatch = 'match' | 'unreadable' | 'other';

/** The QSealC a TPP registered, parsed once. */
export interface SigningCertificate {
  readonly certificate: EidasCertificate;
  /** Still issued by a CA the bank trusts (a CA may be removed from the trust store after registration). */
  readonly trusted: boolean;
  /** Whether a keyId names this certificate; memoised, as a TPP sends the same keyId on every request. */
  match(keyId: string): KeyIdMatch;
}

const MEMO_SIZE = 64;

function keyIdMatcher(certificate: EidasCertificate, urls: readonly string[]): (keyId: string) => KeyIdMatch {
  const memo = new Map<string, KeyIdMatch>();
  return (keyId) => {
    let outcome = memo.get(keyId);
    if (outcome === undefined) {
      const parsed = parseKeyId(keyId);
      outcome = !parsed ? 'unreadable' : keyIdMatches(parsed, certificate, urls) ? 'match' : 'other';
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(keyId, outcome);
    }
    return outcome;
  };
}

export function signingCertificates(
  clients: ClientRegistry,
  trustStore: TrustStore,
  ttlMs: number,
  now: () => Date,
): TtlCache<SigningCertificate | undefined> {
  return ttlCache(async (clientId) => {
    const registration = await clients.find(clientId);
    if (!registration) return undefined;
    const certificate = readEidasCertificate(registration.signingCertificate);
    const urls = registration.signingCertificateUrl ? [registration.signingCertificateUrl] : [];
    return Object.freeze({
      certificate,
      trusted: trustStore.issued(certificate, now()),
      match: keyIdMatcher(certificate, urls),
    });
  }, ttlMs);
}
