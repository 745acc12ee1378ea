import type { X509Certificate } from 'node:crypto';
import type { EidasCertificate } from '@openstet/protocol';
import type { FetchRevocationData } from './revocation-fetch.ts';
import { askOcsp, crlSource } from './revocation-sources.ts';

/** A certificate's revocation status, as the bank acts on it. */
export type RevocationStatus =
  | { readonly state: 'good' }
  | { readonly state: 'revoked'; readonly at: Date; readonly source: string }
  /** The CA's OCSP responder does not know the certificate (RFC 6960 §2.2 "unknown"). */
  | { readonly state: 'unknown-to-ca'; readonly source: string }
  /** No source answered usably, and the bank refuses in that case for these sources. */
  | { readonly state: 'unavailable'; readonly sources: readonly string[] };

export interface RevocationChecker {
  status(certificate: EidasCertificate): Promise<RevocationStatus>;
  /** Forgets every cached status and CRL: a revocation made through this node applies at once. */
  forget(): void;
}

export interface RevocationCheckerDeps {
  /** The trusted CA that issued the certificate: it signs the CRL, or the OCSP answer (or its responder). */
  readonly issuerOf: (certificate: EidasCertificate) => X509Certificate | undefined;
  readonly fetch: FetchRevocationData;
  /** How long an answer is kept before the source is asked again (less when the data says so). */
  readonly cacheSeconds: number;
  /** Origins of sources whose failure means accept (`*`: every source); every other failure refuses. */
  readonly softFail: readonly string[];
  readonly now: () => Date;
  /** Told when a certificate is accepted unchecked because its soft-fail sources all failed. */
  readonly onSoftFail: (sources: readonly string[], certificate: EidasCertificate) => void;
}

/** After a failure the sources are asked again this soon at most, so that a dead responder costs one wait. */
export const RETRY_AFTER_FAILURE_SECONDS = 10;
const MAX_CACHED = 10_000;

interface Cached<T> {
  readonly value: T;
  /** When the sources are asked again. */
  readonly until: number;
  /** Until when the answer is current (its data's nextUpdate): it may stand in while sources are down. */
  readonly current: number;
}

const GOOD: RevocationStatus = Object.freeze({ state: 'good' });
const httpUrl = (url: string) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);

type Source = { readonly kind: 'ocsp' | 'crl'; readonly url: string };

/**
 * Cached CRL and OCSP checking of TPP certificates (RFC 5280 §5, RFC 6960): the OCSP responders the
 * certificate names first, then its CRL distribution points; a certificate naming none is not checked
 * (its CA publishes nothing). Every answer is verified against the issuing CA before use. Each status
 * is kept `cacheSeconds` at most (and never past the data's nextUpdate): a revocation takes effect on
 * every node within that time. Concurrent checks of one certificate share one fetch.
 */
export function revocationChecker(deps: RevocationCheckerDeps): RevocationChecker {
  const statuses = new Map<string, Cached<RevocationStatus>>();
  const pending = new Map<string, Promise<RevocationStatus>>();
  const nowMs = () => deps.now().getTime();
  const until = (nextUpdate: Date | undefined) =>
    Math.min(nowMs() + deps.cacheSeconds * 1000, nextUpdate?.getTime() ?? Number.POSITIVE_INFINITY);
  const crls = crlSource(deps.fetch, deps.now, until);
  const ask = (source: Source, certificate: EidasCertificate, issuer: X509Certificate) =>
    source.kind === 'ocsp'
      ? askOcsp(deps.fetch, certificate, issuer, source.url, deps.now())
      : crls.ask(certificate, issuer, source.url);

  const softFails = (url: string) =>
    deps.softFail.includes('*') || (httpUrl(url) && deps.softFail.includes(new URL(url).origin));

  async function check(certificate: EidasCertificate, previous: Cached<RevocationStatus> | undefined) {
    const named: Source[] = [
      ...certificate.ocspUrls.map((url) => ({ kind: 'ocsp' as const, url })),
      ...certificate.crlUrls.map((url) => ({ kind: 'crl' as const, url })),
    ];
    // Only http(s) sources are asked (QTSPs publish over http); an ldap:// one counts as unanswered.
    const sources = named.filter((source) => httpUrl(source.url));
    const issuer = deps.issuerOf(certificate);
    // Its CA publishes nothing to check against, or the certificate is not one of a trusted CA at all
    // (refused elsewhere): nothing to ask.
    if (named.length === 0 || !issuer) return { value: GOOD, until: until(undefined), current: Infinity };
    for (const source of sources) {
      try {
        const answer = await ask(source, certificate, issuer);
        const refreshAt = until(answer.nextUpdate);
        return { value: answer.status, until: refreshAt, current: answer.nextUpdate?.getTime() ?? refreshAt };
      } catch {
        // Unreachable, late, unsigned, stale or not about this certificate: the next source is asked.
      }
    }
    const retry = Math.min(until(undefined), nowMs() + RETRY_AFTER_FAILURE_SECONDS * 1000);
    // An answer still current (before its nextUpdate) stands while the sources are down.
    if (previous && previous.current > nowMs()) return { ...previous, until: retry };
    const failed = named.map((source) => source.url);
    if (failed.every(softFails)) {
      deps.onSoftFail(failed, certificate);
      return { value: GOOD, until: retry, current: retry };
    }
    return { value: { state: 'unavailable', sources: failed } as const, until: retry, current: retry };
  }

  // Bumped by forget(): a check that started before it must not cache what it found.
  let generation = 0;
  return {
    async status(certificate) {
      const key = certificate.fingerprint256;
      const cached = statuses.get(key);
      if (cached && cached.until > nowMs()) return cached.value;
      let running = pending.get(key);
      if (!running) {
        const started = generation;
        running = check(certificate, cached)
          .then((result) => {
            if (started !== generation) return result.value;
            if (statuses.size >= MAX_CACHED) statuses.delete(statuses.keys().next().value ?? '');
            statuses.set(key, result);
            return result.value;
          })
          .finally(() => pending.delete(key));
        pending.set(key, running);
      }
      return running;
    },
    forget() {
      generation++;
      statuses.clear();
      pending.clear();
      crls.forget();
    },
  };
}
