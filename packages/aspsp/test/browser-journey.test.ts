import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { isErrorModel } from '@openstet/protocol';
import type { Browser, Page } from 'playwright-core';
import { catchNavigations, launchChromium, NO_CHROMIUM } from './helpers/chromium.ts';
import { type HttpsResponse, httpsCall } from './helpers/https-client.ts';
import { authorizeUrl, MARC, REDIRECT_URI, TPP_PKCE } from './helpers/journey.ts';
import { licence, type TestPki, testPki } from './helpers/pki.ts';
import { servedSchemaErrors, swaggerErrors } from './helpers/response-schemas.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { signedHeaders } from './helpers/tpp-request.ts';

for (const engine of ENGINES) {
  describe(`Marc in a real browser: SCA, consent, tokens over mTLS, every acceptance case (${engine})`, () => {
    let bank: TestServer;
    let pki: TestPki;
    let browser: Browser | undefined;
    const agent = new Agent({ keepAlive: true });

    before(async () => {
      if (NO_CHROMIUM) return;
      pki = await testPki();
      bank = await startTestServer(engine, undefined, { OPENSTET_SCA_INACTIVITY_SECONDS: '4' });
      await bank.server.app.registry.save(licence(pki.acme));
      const registered = await mtls('/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [REDIRECT_URI],
          client_name: 'Acme Cards',
          signing_certificate: pki.acme.qseal.certificatePem,
        }),
      });
      assert.equal(registered.status, 201, registered.body);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      agent.destroy();
      await bank?.close();
    });

    function mtls(
      path: string,
      call: { method: string; headers?: Record<string, string>; body?: string },
    ): Promise<HttpsResponse> {
      return httpsCall(`${bank.server.mtlsUrl}${path}`, {
        ca: pki.ca.certificatePem,
        cert: pki.acme.qwac.certificatePem,
        key: pki.acme.qwac.privateKeyPem,
        agent,
        ...call,
      });
    }

    async function newPage(): Promise<{ page: Page; redirect: () => Promise<URL> }> {
      const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
      const page = await context.newPage();
      return { page, redirect: await catchNavigations(page, new URL(REDIRECT_URI).origin) };
    }

    const publicUrl = (path: string) => `${bank.server.publicUrl}${path}`;

    /** Marc authorizes Acme for `scope` on two accounts through the real pages; the code is exchanged over mTLS. */
    async function authorizeAndExchange(
      scope: 'piisp' | 'cbpii' | 'aisp extended_transaction_history',
    ): Promise<string> {
      const { page, redirect } = await newPage();
      const state = `state-${scope.split(' ')[0]}`;
      await page.goto(publicUrl(authorizeUrl(pki.acme, { scope, state })));
      await page.fill('input[name="username"]', MARC.id);
      await page.click('button[name="action"][value="approve"]');
      await page.fill('input[name="otp"]', MARC.otp);
      await page.click('button[name="action"][value="approve"]');
      const purpose = scope.startsWith('aisp')
        ? /Acme Cards souhaite consulter/
        : /Acme Cards souhaite pouvoir vérifier/;
      assert.match((await page.textContent('main')) ?? '', purpose);
      for (const iban of MARC.accounts) await page.check(`input[name="accounts"][value="${iban}"]`);
      await page.click('button[name="action"][value="approve"]');
      const back = await redirect();
      assert.equal(back.searchParams.get('state'), state);
      assert.equal(back.searchParams.get('iss'), bank.server.publicUrl);
      const code = back.searchParams.get('code') ?? '';
      const response = await mtls('/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT_URI,
          client_id: pki.acme.organizationIdentifier,
          code_verifier: TPP_PKCE.verifier,
        }).toString(),
      });
      assert.equal(response.status, 200, response.body);
      await page.context().close();
      return JSON.parse(response.body).access_token;
    }

    async function fundsCall(
      version: 'v1' | 'v1.4.2',
      accessToken: string,
      method: 'POST' | 'GET',
      body?: unknown,
    ): Promise<string> {
      const path = `/stet/psd2/${version}/funds-confirmations`;
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers = await signedHeaders(pki.acme, {
        method,
        url: path,
        ...(text ? { body: text } : {}),
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const response = await mtls(path, { method, headers, ...(text ? { body: text } : {}) });
      assert.ok(response.headers['x-request-id']);
      const answer = JSON.parse(response.body);
      if (response.status === 200) return `200 result=${answer.result}`;
      assert.ok(isErrorModel(answer), response.body);
      return `${response.status} ${answer.error}`;
    }

    /** The seed's "Tests d'acceptance" table, row by row (persona Marc). */
    const ACCEPTANCE: readonly {
      readonly name: string;
      readonly method: 'POST' | 'GET';
      readonly body?: unknown;
      readonly expected: string;
    }[] = [
      {
        name: 'Cas standard: paiement couvert',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { currency: 'EUR', amount: '458.00' },
          accountId: { iban: 'FR7613807008043001965405255' },
        },
        expected: '200 result=true',
      },
      {
        name: 'Cas aux limites: fonds insuffisants',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { currency: 'EUR', amount: '4180.00' },
          accountId: { iban: 'FR7613807008043001965405158' },
        },
        expected: '200 result=false',
      },
      { name: 'Méthode GET', method: 'GET', expected: '405 NIMP' },
      {
        name: 'IBAN absent ou erroné',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { currency: 'EUR', amount: '4179' },
          accountId: { iban: 'FRXXXX807008043001965405158' },
        },
        expected: '400 AC01',
      },
      {
        name: 'Structure montant/devise absente',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          accountId: { iban: 'FR7613807008043001965405158' },
        },
        expected: '400 FF01',
      },
      {
        name: 'Montant absent',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { currency: 'EUR' },
          accountId: { iban: 'FR7613807008043001965405158' },
        },
        expected: '400 FF01',
      },
      {
        name: 'Devise absente',
        method: 'POST',
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { amount: '4180.00' },
          accountId: { iban: 'FR7613807008043001965405158' },
        },
        expected: '400 FF01',
      },
      {
        name: 'Identifiant de requête absent',
        method: 'POST',
        body: {
          instructedAmount: { currency: 'EUR', amount: '4180.00' },
          accountId: { iban: 'FR7613807008043001965405158' },
        },
        expected: '400 FF01',
      },
    ];

    for (const [version, scope] of [
      ['v1', 'piisp'],
      ['v1.4.2', 'cbpii'],
    ] as const) {
      test(`every acceptance case on ${version} with a ${scope} token`, async (t) => {
        if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
        const accessToken = await authorizeAndExchange(scope);
        const answers = [];
        for (const row of ACCEPTANCE)
          answers.push([row.name, await fundsCall(version, accessToken, row.method, row.body)]);
        assert.deepEqual(
          answers,
          ACCEPTANCE.map((row) => [row.name, row.expected]),
        );
      });
    }

    /** A signed AISP read over mTLS, attended (the PSU is at the TPP's page). */
    async function aispGet(accessToken: string, path: string): Promise<HttpsResponse> {
      const headers = await signedHeaders(pki.acme, {
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${accessToken}`, 'psu-ip-address': '192.0.2.10' },
      });
      return mtls(path, { method: 'GET', headers });
    }

    test('AISP: Marc ticks two accounts; accounts, balances and every page of transactions on both versions, each body valid', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const accessToken = await authorizeAndExchange('aisp extended_transaction_history');
      for (const version of ['v1', 'v1.4.2'] as const) {
        const document = JSON.parse(
          (
            await httpsCall(publicUrl(`/stet/psd2/${version}/openapi.json`), {
              ca: pki.ca.certificatePem,
              method: 'GET',
            })
          ).body,
        );
        /** A 200 body, checked against the served document and, on 1.4.0.47, STET's Swagger. */
        const valid = async (template: string, definition: string, path: string) => {
          const response = await aispGet(accessToken, path);
          assert.equal(response.status, 200, response.body);
          const body = JSON.parse(response.body);
          assert.equal(servedSchemaErrors(document, 'GET', template, 200, body), undefined, path);
          if (version === 'v1') assert.equal(swaggerErrors(definition, body), undefined, path);
          return body;
        };
        const base = `/stet/psd2/${version}`;
        const list = await valid('/accounts', 'HalAccounts', `${base}/accounts`);
        assert.deepEqual(
          list.accounts.map((account: { accountId: { iban: string } }) => account.accountId.iban),
          MARC.accounts,
        );
        for (const account of list.accounts) {
          await valid('/accounts/{accountResourceId}/balances', 'HalBalances', account._links.balances.href);
          const seen = new Set<string>();
          let href: string | undefined = `${account._links.transactions.href}?dateFrom=2000-01-01`;
          while (href) {
            const page = await valid('/accounts/{accountResourceId}/transactions', 'HalTransactions', href);
            for (const entry of page.transactions) {
              assert.ok(!seen.has(entry.entryReference), `entry ${entry.entryReference} seen twice`);
              seen.add(entry.entryReference);
            }
            href = page._links.next?.href;
            assert.ok(!href || href.length <= 140);
          }
          assert.ok(seen.size > 200, `13 months of history: ${seen.size} entries`);
        }
      }
    });

    test('deny: "Annuler" on the login page brings Marc back to the TPP with access_denied and the state', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const { page, redirect } = await newPage();
      await page.goto(publicUrl(authorizeUrl(pki.acme, { state: 'deny-1' })));
      await page.click('button[name="action"][value="deny"]');
      const back = await redirect();
      assert.deepEqual(
        [back.searchParams.get('error'), back.searchParams.get('state')],
        ['access_denied', 'deny-1'],
      );
      await page.context().close();
    });

    test('wrong SMS code five times: the SCA is locked and the customer goes back to the TPP (Marie, so Marc stays usable)', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const { page, redirect } = await newPage();
      await page.goto(publicUrl(authorizeUrl(pki.acme, { state: 'lockout' })));
      await page.fill('input[name="username"]', 'D0999991I0');
      await page.click('button[name="action"][value="approve"]');
      for (let attempt = 1; attempt <= 4; attempt++) {
        await page.fill('input[name="otp"]', '00000000');
        await page.click('button[name="action"][value="approve"]');
        assert.match(
          (await page.textContent('.error')) ?? '',
          new RegExp(`Il vous reste ${5 - attempt} essai`),
        );
      }
      await page.fill('input[name="otp"]', '00000000');
      await page.click('button[name="action"][value="approve"]');
      const back = await redirect();
      assert.deepEqual(
        [back.searchParams.get('error'), back.searchParams.get('state')],
        ['access_denied', 'lockout'],
      );
      await page.context().close();
    });

    test('timeout: left idle on the SMS page, the page itself sends Marc back with access_denied (no JavaScript)', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const { page, redirect } = await newPage();
      await page.goto(publicUrl(authorizeUrl(pki.acme, { state: 'idle' })));
      await page.fill('input[name="username"]', MARC.id);
      await page.click('button[name="action"][value="approve"]');
      const back = await redirect();
      assert.deepEqual(
        [back.searchParams.get('error'), back.searchParams.get('state')],
        ['access_denied', 'idle'],
      );
      assert.match(back.searchParams.get('error_description') ?? '', /RTS Art\. 4\(3\)\(d\)/);
      await page.context().close();
    });
  });
}
