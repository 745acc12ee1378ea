import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { CoreBanking } from '../../src/core/ports/core-banking.ts';
import type { StrongAuthentication } from '../../src/core/ports/strong-authentication.ts';
import type { Store } from '../../src/store/open-store.ts';
import { loadBankSeal } from '../../src/trust/load-trust.ts';
import { createTrustStore } from '../../src/trust/trust-store.ts';
import { licence, type TestPki, testPki } from './pki.ts';
import { type Engine, testStore } from './stores.ts';
import { proxyCertificateHeader } from './tpp-request.ts';

export interface InjectApp {
  readonly app: App;
  readonly store: Store;
  readonly pki: TestPki;
  /** Records a TPP as licensed and registers its QSealC, as `certs tpp` + `POST /register` would. */
  onboard(tpp: TestPki['acme'], roles?: readonly ('PSP_IC' | 'PSP_AI' | 'PSP_PI')[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app without sockets, for `inject`: the mTLS identity comes through the trusted-proxy header path
 * (light-my-request connects from 127.0.0.1, configured here as the trusted proxy).
 */
export async function injectApp(
  engine: Engine,
  options: {
    extend?: (app: App) => void;
    logger?: FastifyServerOptions['logger'];
    /** Extra environment for loadConfig (e.g. OPENSTET_TPP_RATE_LIMIT). */
    env?: Readonly<Record<string, string>>;
    now?: () => Date;
    coreBanking?: CoreBanking;
    strongAuthentication?: StrongAuthentication;
    /** Another app's store: two instances of the bank on one database (closed by its owner). */
    store?: Store;
  } = {},
): Promise<InjectApp> {
  const pki = await testPki();
  const store = options.store ?? (await testStore(engine));
  const config = loadConfig({
    OPENSTET_DATA_DIR: mkdtempSync(join(tmpdir(), 'openstet-test-')),
    OPENSTET_CLIENT_CERT_HEADER: 'x-ssl-client-cert',
    OPENSTET_TRUSTED_PROXIES: '127.0.0.1',
    OPENSTET_PUBLIC_URL: 'https://bank.example',
    OPENSTET_MTLS_URL: 'https://api.bank.example',
    ...options.env,
  });
  const trustStore = createTrustStore([
    { pem: pki.ca.certificatePem, x509: new X509Certificate(pki.ca.certificatePem) },
  ]);
  const app = await buildApp(config, {
    store,
    trustStore,
    bankSeal: loadBankSeal({ ca: pki.ca, server: pki.bankSeal, bankSeal: pki.bankSeal }),
    adminSecret: 'test-admin-secret',
    sandboxCa: pki.ca,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.coreBanking ? { coreBanking: options.coreBanking } : {}),
    ...(options.strongAuthentication ? { strongAuthentication: options.strongAuthentication } : {}),
  });
  options.extend?.(app);
  return {
    app,
    store,
    pki,
    async onboard(tpp, roles = ['PSP_IC', 'PSP_AI']) {
      await app.registry.save(licence(tpp, { roles }));
      const response = await app.mtls.inject({
        method: 'POST',
        url: '/register',
        headers: { 'content-type': 'application/json', ...proxyCertificateHeader(tpp.qwac.certificatePem) },
        payload: JSON.stringify({
          redirect_uris: ['https://tpp.example/callback'],
          client_name: tpp.name,
          signing_certificate: tpp.qseal.certificatePem,
        }),
      });
      if (response.statusCode !== 201) throw new Error(`onboarding failed: ${response.body}`);
    },
    async close() {
      await app.close();
      if (!options.store) await store.close();
    },
  };
}
