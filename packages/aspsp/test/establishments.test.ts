import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readEidasCertificate } from '@openstet/protocol';
import { SEED_ESTABLISHMENTS } from '../src/bank/seed-establishments.ts';
import type { Consent } from '../src/core/consent/consent.ts';
import { giveConsent } from '../src/core/consent/give-consent.ts';
import { type IssuedTokens, issueTokenPair } from '../src/core/tokens/issue-token-pair.ts';
import { type HttpsCall, type HttpsResponse, httpsCall } from './helpers/https-client.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { consent, MARC, REDIRECT_URI, TPP_PKCE } from './helpers/journey.ts';
import { licence, type TestPki, testPki } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { proxyCertificateHeader, signedHeaders } from './helpers/tpp-request.ts';

const FUNDS_PATH = '/stet/psd2/v1.4.2/funds-confirmations';
const FUNDS_BODY = JSON.stringify({
  paymentCoverageRequestId: 'MyCoverage123456',
  instructedAmount: { currency: 'EUR', amount: '10.00' },
  accountId: { iban: MARC.accounts[0] },
});

/** `https://<host>:<port of url>`: the listener at an establishment's host name. */
function atHost(url: string, host: string): string {
  const moved = new URL(url);
  moved.hostname = host;
  return moved.origin;
}

for (const engine of ENGINES) {
  describe(`establishments, by host name over real TLS (${engine})`, () => {
    let bank: TestServer;
    let pki: TestPki;
    before(async () => {
      pki = await testPki();
      bank = await startTestServer(engine);
      await bank.server.app.registry.save(licence(pki.acme));
    });
    after(() => bank.close());

    /** A call to `host` on the public (or mTLS) listener: SNI and Host name it, TCP goes to 127.0.0.1. */
    const call = (
      listener: 'public' | 'mtls',
      host: string,
      path: string,
      options: Omit<HttpsCall, 'ca'> = {},
    ) =>
      httpsCall(
        `${atHost(listener === 'public' ? bank.server.publicUrl : bank.server.mtlsUrl, host)}${path}`,
        {
          ca: pki.ca.certificatePem,
          resolveTo: '127.0.0.1',
          ...(listener === 'mtls'
            ? { cert: pki.acme.qwac.certificatePem, key: pki.acme.qwac.privateKeyPem }
            : {}),
          ...options,
        },
      );

    test('the metadata fetched at each of the 11 establishments’ hosts names that establishment’s own issuer', async () => {
      for (const { code } of SEED_ESTABLISHMENTS) {
        for (const host of [`${code}.localhost`, `www.${code}.localhost`]) {
          const metadata = JSON.parse(
            (await call('public', host, '/.well-known/oauth-authorization-server')).body,
          );
          // The establishment's own issuer, the same at both of its host names.
          const issuer = atHost(bank.server.publicUrl, `${code}.localhost`);
          assert.equal(metadata.issuer, issuer, host);
          assert.equal(metadata.authorization_endpoint, `${issuer}/authorize`);
          assert.equal(metadata.token_endpoint, `${atHost(bank.server.mtlsUrl, `${code}.localhost`)}/token`);
        }
      }
      const plain = JSON.parse(
        (await call('public', 'localhost', '/.well-known/oauth-authorization-server')).body,
      );
      assert.equal(plain.issuer, bank.server.publicUrl, 'a host naming no establishment is the default one');
    });

    test('a host naming an establishment the bank does not serve, or differing from the TLS server name, gets 421', async () => {
      // No certificate names an establishment the bank does not serve: past a client that skips the name check.
      const unknown = await bank.server.app.public.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
        headers: { host: 'www.99999.live.api.example' },
      });
      assert.equal(unknown.statusCode, 421);
      assert.deepEqual(
        [unknown.json().error, unknown.json().message],
        [
          'MISDIRECTED_REQUEST',
          'This bank serves no establishment 99999 (seed "Limitations sur les données")',
        ],
      );
      const mixed = await call('public', '16807.localhost', '/.well-known/oauth-authorization-server', {
        servername: '16807.localhost',
        headers: { host: `13807.localhost:${new URL(bank.server.publicUrl).port}` },
      });
      assert.equal(mixed.status, 421);
      assert.match(JSON.parse(mixed.body).message, /differs from the TLS server name 16807\.localhost/);
    });

    test('a token issued by 13807 works at 13807 and gets 401 at www.16807', async () => {
      await call('mtls', 'localhost', '/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [REDIRECT_URI],
          client_name: 'Acme Cards',
          signing_certificate: pki.acme.qseal.certificatePem,
        }),
      });
      const { consents, tokens, now } = bank.server.app.services;
      const consent = (await giveConsent(consents, {
        psuId: 'psu-marc',
        establishment: '13807',
        clientId: pki.acme.organizationIdentifier,
        scopes: ['cbpii'],
        offered: MARC.accounts,
        chosen: MARC.accounts,
        scaAt: now(),
      })) as Consent;
      const { accessToken } = (await issueTokenPair(
        { tokens, now },
        {
          clientId: consent.clientId,
          establishment: '13807',
          role: 'cbpii',
          scopes: ['cbpii'],
          certificateThumbprint: readEidasCertificate(pki.acme.qwac.certificatePem).fingerprint256,
          consent,
        },
      )) as IssuedTokens;
      const funds = async (host: string): Promise<HttpsResponse> =>
        call('mtls', host, FUNDS_PATH, {
          method: 'POST',
          body: FUNDS_BODY,
          headers: await signedHeaders(pki.acme, {
            method: 'POST',
            url: FUNDS_PATH,
            body: FUNDS_BODY,
            headers: { authorization: `Bearer ${accessToken}` },
          }),
        });
      const home = await funds('13807.localhost');
      assert.equal(home.status, 200, home.body);
      assert.equal(
        JSON.parse(home.body)._links.self.href,
        `${atHost(bank.server.mtlsUrl, '13807.localhost')}${FUNDS_PATH}`,
      );
      const elsewhere = await funds('www.16807.localhost');
      assert.equal(elsewhere.status, 401);
      assert.deepEqual(
        [JSON.parse(elsewhere.body).error, JSON.parse(elsewhere.body).message],
        [
          'TOKEN_INVALID',
          "Access token issued by establishment 13807: call the API at that establishment's host",
        ],
      );
    });

    test('a customer of 16807 logs in at 16807 and is unknown at 13807', async () => {
      /** The login page at `host`, then its form posted with the customer's online-banking id. */
      const login = async (host: string): Promise<HttpsResponse> => {
        const query = new URLSearchParams({
          response_type: 'code',
          client_id: pki.acme.organizationIdentifier,
          redirect_uri: REDIRECT_URI,
          scope: 'cbpii',
          state: 'establishments',
          code_challenge: TPP_PKCE.challenge,
          code_challenge_method: 'S256',
        });
        const page = await call('public', host, `/authorize?${query}`);
        assert.equal(page.status, 200, page.body);
        const cookie = String([page.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
        const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
        return call('public', host, '/sca/login', {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
          body: new URLSearchParams({ csrf, username: 'C1680701', action: 'approve' }).toString(),
        });
      };
      const there = await login('www.16807.localhost');
      assert.equal(there.status, 200);
      assert.match(there.body, /name="otp"/, 'the SMS code step follows at 16807');
      const here = await login('localhost');
      assert.equal(here.status, 200);
      assert.doesNotMatch(here.body, /name="otp"/);
      assert.match(here.body, /Unknown ID\. Please check what you typed\./, 'the login page again, at 13807');
    });
  });
}

describe('codes, refresh tokens and revocation stay at their establishment (inject)', () => {
  let bank: InjectApp;
  before(async () => {
    bank = await injectApp('PGlite');
    await bank.onboard(bank.pki.acme);
  });
  after(() => bank.close());

  /** POST to the token or revocation endpoint as Acme, at `host`. */
  const post = (path: '/token' | '/revoke', host: string, parameters: Record<string, string>) =>
    bank.app.mtls.inject({
      method: 'POST',
      url: path,
      headers: {
        host,
        'content-type': 'application/x-www-form-urlencoded',
        ...proxyCertificateHeader(bank.pki.acme.qwac.certificatePem),
      },
      payload: new URLSearchParams({
        client_id: bank.pki.acme.organizationIdentifier,
        ...parameters,
      }).toString(),
    });

  test('a 13807 code is unknown at 16807 and still works at 13807; its refresh token and revocation likewise', async () => {
    const code = (await consent(bank, bank.pki.acme)).searchParams.get('code') ?? '';
    const exchange = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: TPP_PKCE.verifier,
    };
    const elsewhere = await post('/token', '16807.localhost', exchange);
    assert.deepEqual(
      [elsewhere.statusCode, elsewhere.json().error, elsewhere.json().error_description],
      [400, 'invalid_grant', 'Unknown authorization code'],
    );
    const home = await post('/token', 'localhost', exchange);
    assert.equal(home.statusCode, 200, home.body);
    const { refresh_token: refreshToken } = home.json();
    const refreshElsewhere = await post('/token', 'www.16807.localhost', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    assert.deepEqual(
      [refreshElsewhere.statusCode, refreshElsewhere.json().error_description],
      [400, 'The refresh token was issued by another establishment: use its token endpoint'],
    );
    // RFC 7009 §2.2: unknown there, so 200 and nothing revoked.
    assert.equal((await post('/revoke', '16807.localhost', { token: refreshToken })).statusCode, 200);
    const refreshHome = await post('/token', '13807.localhost', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    assert.equal(refreshHome.statusCode, 200, refreshHome.body);
  });

  test('the token endpoint at a host naming no establishment of the bank answers 421 in RFC 6749 form', async () => {
    const misdirected = await post('/token', 'www.99999.live.api.example', {
      grant_type: 'client_credentials',
    });
    assert.equal(misdirected.statusCode, 421);
    assert.equal(misdirected.json().error, 'invalid_request');
  });
});
