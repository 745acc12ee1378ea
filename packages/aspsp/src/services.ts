import type { KeyObject } from 'node:crypto';
import { establishmentCustomers } from './bank/sandbox/establishment-customers.ts';
import { SANDBOX_PERSONAS } from './bank/sandbox/personas.ts';
import { sandboxCoreBanking } from './bank/sandbox/sandbox-core-banking.ts';
import { sandboxStrongAuthentication } from './bank/sandbox/sandbox-strong-authentication.ts';
import { withDeadline, withScaTimeout, withTimeout } from './bank/with-timeout.ts';
import type { Config } from './config.ts';
import { establishments } from './core/establishments/establishment.ts';
import { runScheduledPayments } from './core/payments/run-scheduled-payments.ts';
import type { CoreBanking } from './core/ports/core-banking.ts';
import type { StrongAuthentication } from './core/ports/strong-authentication.ts';
import type { TppLicence, TppRegistry } from './core/tpp/tpp-licence.ts';
import { listenerEndpoints } from './endpoints.ts';
import { createTrustChain } from './http/trust-chain.ts';
import { auditRepository } from './store/audit-repository.ts';
import { clientRepository } from './store/client-repository.ts';
import { codeRepository } from './store/code-repository.ts';
import { consentRepository } from './store/consent-repository.ts';
import { purgeExpired } from './store/housekeeping.ts';
import type { Store } from './store/open-store.ts';
import { paymentRequestRepository } from './store/payment-request-repository.ts';
import { sandboxLedgerRepository } from './store/sandbox-ledger-repository.ts';
import { sandboxPaymentOverlayRepository } from './store/sandbox-payment-overlay-repository.ts';
import { sandboxRevocationRepository } from './store/sandbox-revocation-repository.ts';
import { scaAttemptRepository } from './store/sca-attempt-repository.ts';
import { scaSessionRepository } from './store/sca-session-repository.ts';
import { tokenRepository } from './store/token-repository.ts';
import { tppRegistryRepository } from './store/tpp-registry-repository.ts';
import { unattendedReadRepository } from './store/unattended-read-repository.ts';
import { revocationChecker } from './trust/revocation-checker.ts';
import { type FetchRevocationData, httpRevocationFetch } from './trust/revocation-fetch.ts';
import { signingCertificates } from './trust/signing-certificates.ts';
import type { TrustStore } from './trust/trust-store.ts';
import { ttlCache } from './trust/ttl-cache.ts';

export interface ServiceDeps {
  readonly store: Store;
  readonly trustStore: TrustStore;
  /** The bank's own QSealC, to sign responses (STET CR199). */
  readonly bankSeal: { readonly keyId: string; readonly privateKey: KeyObject };
  /** The bank's connector; the built-in sandbox bank when absent. */
  readonly coreBanking?: CoreBanking;
  readonly strongAuthentication?: StrongAuthentication;
  readonly now?: () => Date;
  /** How CRLs and OCSP answers are fetched; HTTP by default. */
  readonly fetchRevocationData?: FetchRevocationData;
  /** Told when a certificate is accepted with its revocation status unknown (OPENSTET_REVOCATION_SOFT_FAIL). */
  readonly onRevocationSoftFail?: (sources: readonly string[], organizationIdentifier: string) => void;
}

/** Everything the routes of both listeners share: stores, caches, the trust chain, the bank's systems. */
export function createServices(
  config: Config,
  deps: ServiceDeps,
  /** The bank secret behind account resource ids and page cursors (`store/bank-keys.ts`). */
  informationKey: Uint8Array,
) {
  // The sandbox bank is both connectors or neither: a real bank must never get the sandbox SMS code.
  if ((deps.coreBanking === undefined) !== (deps.strongAuthentication === undefined)) {
    throw new Error('Give both coreBanking and strongAuthentication, or neither for the sandbox bank');
  }
  const now = deps.now ?? (() => new Date());
  const ttl = config.trustCacheSeconds * 1000;
  const db = deps.store.db;
  const storedRegistry = tppRegistryRepository(db);
  const clients = clientRepository(db, now);
  const licences = ttlCache((org) => storedRegistry.find(org), ttl);
  const signers = signingCertificates(clients, deps.trustStore, ttl, now);
  const registry: TppRegistry = {
    find: (org) => storedRegistry.find(org),
    list: () => storedRegistry.list(),
    save: async (licence: TppLicence) => {
      await storedRegistry.save(licence);
      licences.forget(licence.organizationIdentifier);
    },
  };
  const revocation = revocationChecker({
    issuerOf: (certificate) => deps.trustStore.issuerOf(certificate),
    fetch:
      deps.fetchRevocationData ??
      httpRevocationFetch({
        timeoutMs: config.revocationTimeoutMs,
        maxBytes: 16 * 1024 * 1024,
        ca: deps.trustStore.pems,
      }),
    cacheSeconds: config.revocationCacheSeconds,
    softFail: config.revocationSoftFail,
    now,
    onSoftFail: (sources, certificate) =>
      deps.onRevocationSoftFail?.(sources, certificate.organizationIdentifier ?? 'unknown'),
  });
  const trust = createTrustChain({
    licences,
    signingCertificates: signers,
    bankSeal: deps.bankSeal,
    clockSkewSeconds: config.clockSkewSeconds,
    revocation,
    tppRateLimit: config.tppRateLimit,
    now,
  });
  // The sandbox bank's customers: the seed's personas at 13807, one customer at every other establishment,
  // then the populated ledger in the database (`openstet sandbox populate`); payments on the in-memory
  // accounts are kept in the database too (ADR 0007), so every node sees them.
  const personas = [...SANDBOX_PERSONAS, ...establishmentCustomers(config.establishments)];
  const coreBanking =
    deps.coreBanking ??
    sandboxCoreBanking(personas, sandboxLedgerRepository(db, now), now, sandboxPaymentOverlayRepository(db));
  const endpoints = listenerEndpoints({ publicUrl: config.publicUrl, mtlsUrl: config.mtlsUrl });
  const payments = paymentRequestRepository(db, now);
  const boundedCoreBanking = withTimeout(coreBanking, config.coreBankingTimeoutMs);
  return Object.freeze({
    config,
    endpoints,
    establishments: establishments(config.establishments, config.defaultCdetab),
    now,
    sandbox: deps.coreBanking === undefined,
    trustStore: deps.trustStore,
    registry,
    clients,
    licence: (clientId: string) => licences.get(clientId),
    signers,
    trust,
    revocation,
    sandboxRevocations: sandboxRevocationRepository(db),
    consents: consentRepository(db, now),
    payments,
    /** One tick of the payment scheduler (`app.ts` runs it on every node); tests call it with their clock. */
    runScheduledPayments: () => runScheduledPayments({ payments, coreBanking: boundedCoreBanking, now }),
    sessions: scaSessionRepository(db),
    scaAttempts: scaAttemptRepository(db),
    codes: codeRepository(db),
    tokens: tokenRepository(db, now),
    audit: auditRepository(db),
    purgeExpired: () => purgeExpired(db, now()),
    /** For the PSU pages: each call bounded to the timeout. */
    coreBanking: boundedCoreBanking,
    informationKey,
    unattendedReads: unattendedReadRepository(db),
    /** For one API request: all its calls bounded to the timeout together. */
    coreBankingForRequest: () => withDeadline(coreBanking, config.coreBankingTimeoutMs),
    strongAuthentication: withScaTimeout(
      deps.strongAuthentication ??
        sandboxStrongAuthentication({ knowledgeStep: config.scaKnowledgeStep, personas }),
      config.coreBankingTimeoutMs,
    ),
  });
}

export type Services = ReturnType<typeof createServices>;
