import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testClock } from './helpers/clock.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { authorizeUrl, Browser, MARC, pkcePair, REDIRECT_URI, redirectOf } from './helpers/journey.ts';
import { licence } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';

for (const engine of ENGINES) {
  describe(`GET /authorize and the SCA pages (${engine})`, () => {
    let bank: InjectApp;
    const clock = testClock();
    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      await bank.onboard(bank.pki.acme);
      await bank.onboard(bank.pki.budget, ['PSP_AI']);
    });
    after(() => bank.close());
    beforeEach(() => clock.reset());

    const errorOf = (url: URL) => ({
      error: url.searchParams.get('error'),
      description: url.searchParams.get('error_description'),
      state: url.searchParams.get('state'),
      iss: url.searchParams.get('iss'),
    });

    test('metadata (RFC 8414) names the mTLS endpoints, certificate-bound tokens, tls_client_auth and S256', async () => {
      const response = await bank.app.public.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      });
      assert.equal(response.statusCode, 200);
      const metadata = response.json();
      assert.equal(metadata.issuer, 'https://bank.example');
      assert.equal(metadata.authorization_endpoint, 'https://bank.example/authorize');
      assert.equal(metadata.token_endpoint, 'https://api.bank.example/token');
      assert.deepEqual(metadata.mtls_endpoint_aliases, {
        token_endpoint: 'https://api.bank.example/token',
        revocation_endpoint: 'https://api.bank.example/revoke',
        registration_endpoint: 'https://api.bank.example/register',
      });
      assert.equal(metadata.tls_client_certificate_bound_access_tokens, true);
      assert.deepEqual(metadata.token_endpoint_auth_methods_supported, ['tls_client_auth']);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(metadata.scopes_supported, [
        'aisp',
        'extended_transaction_history',
        'piisp',
        'cbpii',
        'pisp',
      ]);
      assert.equal(metadata.authorization_response_iss_parameter_supported, true);
      assert.equal(metadata.openstet_sandbox, true);
    });

    test('state is echoed byte for byte with the code and iss (RFC 9207)', async () => {
      const state = 'a b&c=d/é%20?#🙂';
      const browser = new Browser(bank);
      await browser.get(authorizeUrl(bank.pki.acme, { state }));
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      const redirect = redirectOf(
        await browser.post('/sca/consent', { accounts: MARC.accounts, action: 'approve' }),
      );
      assert.equal(`${redirect.origin}${redirect.pathname}`, REDIRECT_URI);
      assert.equal(redirect.searchParams.get('state'), state);
      assert.equal(redirect.searchParams.get('iss'), 'https://bank.example');
      assert.match(redirect.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    });

    test('an unregistered or missing redirect_uri, or an unknown client, gets an error page at the bank — never a redirect', async () => {
      const browser = new Browser(bank);
      for (const url of [
        authorizeUrl(bank.pki.acme, { redirectUri: 'https://evil.example/cb' }),
        authorizeUrl(bank.pki.acme).replace(/&redirect_uri=[^&]+/, ''),
        authorizeUrl(bank.pki.acme).replace('PSDFR-ACPR-12345', 'PSDFR-ACPR-00000'),
      ]) {
        const response = await browser.get(url);
        assert.equal(response.statusCode, 400, url);
        assert.equal(response.headers.location, undefined);
        assert.match(String(response.headers['content-type']), /^text\/html/);
      }
    });

    test('refusals after the redirect URI is known go back to the TPP with error, description and state', async () => {
      const browser = new Browser(bank);
      const refused = async (url: string) => errorOf(redirectOf(await browser.get(url)));
      assert.deepEqual(
        await refused(
          authorizeUrl(bank.pki.acme, { scope: 'cbpii', state: 's1', extra: { response_type: 'token' } }),
        ),
        {
          error: 'unsupported_response_type',
          description: 'response_type must be code',
          state: 's1',
          iss: 'https://bank.example',
        },
      );
      assert.equal(
        (await refused(authorizeUrl(bank.pki.acme, { scope: 'payments' }))).error,
        'invalid_scope',
      );
      assert.equal(
        (await refused(authorizeUrl(bank.pki.acme, { scope: 'aisp cbpii' }))).error,
        'invalid_scope',
      );
      assert.deepEqual(await refused(authorizeUrl(bank.pki.budget, { scope: 'cbpii', state: 's2' })), {
        error: 'invalid_scope',
        description: 'The TPP is not licensed for PSP_IC, needed for cbpii',
        state: 's2',
        iss: 'https://bank.example',
      });
    });

    test('PKCE is required by default; S256 accepted, plain refused; scopes in any order (review finding 4)', async () => {
      const browser = new Browser(bank);
      assert.equal(
        (await browser.get(authorizeUrl(bank.pki.budget, { scope: 'extended_transaction_history aisp' })))
          .statusCode,
        200,
      );
      const { challenge } = pkcePair();
      assert.equal(
        (await browser.get(authorizeUrl(bank.pki.acme, { codeChallenge: challenge }))).statusCode,
        200,
      );
      const plain = errorOf(
        redirectOf(
          await browser.get(
            authorizeUrl(bank.pki.acme, { codeChallenge: challenge, codeChallengeMethod: 'plain' }),
          ),
        ),
      );
      assert.deepEqual(
        [plain.error, plain.description],
        ['invalid_request', 'code_challenge_method must be S256; plain is refused'],
      );
      const missing = errorOf(
        redirectOf(await browser.get(authorizeUrl(bank.pki.acme, { codeChallenge: null }))),
      );
      assert.deepEqual(
        [missing.error, missing.description],
        ['invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256'],
      );
    });

    test('PKCE opted out (OPENSTET_REQUIRE_PKCE=false): optional, except for clients that registered require_pkce', async () => {
      const optedOut = await injectApp(engine, { env: { OPENSTET_REQUIRE_PKCE: 'false' } });
      try {
        await optedOut.onboard(optedOut.pki.acme);
        const browser = new Browser(optedOut);
        const withoutPkce = authorizeUrl(optedOut.pki.acme, { codeChallenge: null });
        assert.equal((await browser.get(withoutPkce)).statusCode, 200);
        const registered = await optedOut.app.mtls.inject({
          method: 'POST',
          url: '/register',
          headers: {
            'content-type': 'application/json',
            'x-ssl-client-cert': encodeURIComponent(optedOut.pki.acme.qwac.certificatePem),
          },
          payload: JSON.stringify({
            redirect_uris: [REDIRECT_URI],
            client_name: 'Acme Cards',
            signing_certificate: optedOut.pki.acme.qseal.certificatePem,
            require_pkce: true,
          }),
        });
        assert.equal(registered.statusCode, 201, registered.body);
        const missing = errorOf(redirectOf(await browser.get(withoutPkce)));
        assert.deepEqual(
          [missing.error, missing.description],
          ['invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256'],
        );
      } finally {
        await optedOut.close();
      }
    });

    test('control characters in a query string or a form get a 400 page before any handler, never a 500 (review finding 5)', async () => {
      const refused = async (
        response: Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>,
      ) => {
        const page = await response;
        assert.equal(page.statusCode, 400, page.body.slice(0, 200));
        assert.match(String(page.headers['content-type']), /^text\/html/);
        return /<p class="error" role="alert">([^<]*)<\/p>/.exec(page.body)?.[1] ?? '';
      };
      const browser = new Browser(bank);
      assert.match(
        await refused(browser.get(authorizeUrl(bank.pki.acme, { state: 'a\u0000b' }))),
        /state in the query string holds a control character/,
      );
      assert.match(
        await refused(browser.get('/authorize?response_type=code&client_id=%00&redirect_uri=x')),
        /client_id in the query string holds a control character/,
      );
      await browser.get(authorizeUrl(bank.pki.acme));
      assert.match(
        await refused(browser.post('/sca/login', { username: 'D0999990I0\u0000', action: 'approve' })),
        /username in the form holds a control character/,
      );
      const login = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      assert.equal(login.statusCode, 200, 'the session is still usable');
    });

    test('the licence is checked at /authorize: a withdrawn TPP gets unauthorized_client', async () => {
      await bank.app.registry.save(licence(bank.pki.acme, { status: 'withdrawn' }));
      const url = redirectOf(await new Browser(bank).get(authorizeUrl(bank.pki.acme, { state: 'w' })));
      assert.deepEqual(
        [url.searchParams.get('error'), url.searchParams.get('state')],
        ['unauthorized_client', 'w'],
      );
      await bank.app.registry.save(licence(bank.pki.acme));
    });

    test('pages: French by default, English by Accept-Language; strict CSP, no framing, no caching', async () => {
      const french = await new Browser(bank).get(authorizeUrl(bank.pki.acme));
      assert.match(french.body, /<html lang="fr">/);
      assert.match(french.body, /Identifiant banque à distance/);
      assert.match(french.body, /Acme Cards souhaite accéder à vos comptes/);
      assert.equal(french.headers['cache-control'], 'no-store');
      assert.equal(french.headers['x-frame-options'], 'DENY');
      const csp = String(french.headers['content-security-policy']);
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /form-action 'self' https:\/\/tpp\.example/);
      assert.doesNotMatch(french.body, /<script/);
      assert.match(
        String(french.headers['set-cookie']),
        /^__Host-openstet-sca=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Strict/,
      );
      const english = await new Browser(bank, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' }).get(
        authorizeUrl(bank.pki.acme),
      );
      assert.match(english.body, /<html lang="en">/);
      assert.match(english.body, /Online banking ID/);
    });

    test('cancel at login, refuse at consent: the TPP gets access_denied with its state', async () => {
      const atLogin = new Browser(bank);
      await atLogin.get(authorizeUrl(bank.pki.acme, { state: 'c1' }));
      const cancelled = errorOf(redirectOf(await atLogin.post('/sca/login', { action: 'deny' })));
      assert.deepEqual([cancelled.error, cancelled.state], ['access_denied', 'c1']);
      const atConsent = new Browser(bank);
      await atConsent.get(authorizeUrl(bank.pki.acme, { state: 'c2' }));
      await atConsent.post('/sca/login', { username: MARC.id, action: 'approve' });
      await atConsent.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      const refused = errorOf(
        redirectOf(await atConsent.post('/sca/consent', { accounts: MARC.accounts, action: 'deny' })),
      );
      assert.deepEqual(
        [refused.error, refused.description, refused.state],
        ['access_denied', 'The customer refused the consent', 'c2'],
      );
    });

    test('five wrong SMS codes lock the customer (RTS Art. 4(3)(b)), across sessions, until the lock ends', async () => {
      // Marie, so that Marc's other tests are not locked out.
      const marie = 'D0999991I0';
      const first = new Browser(bank);
      await first.get(authorizeUrl(bank.pki.acme, { state: 'lock' }));
      await first.post('/sca/login', { username: marie, action: 'approve' });
      for (let attempt = 1; attempt <= 2; attempt++) {
        const page = await first.post('/sca/otp', { otp: '00000000', action: 'approve' });
        assert.match(page.body, new RegExp(`Il vous reste ${5 - attempt} essai`));
      }
      // A new session does not start the count again.
      const second = new Browser(bank);
      await second.get(authorizeUrl(bank.pki.acme, { state: 'lock2' }));
      await second.post('/sca/login', { username: marie, action: 'approve' });
      for (let attempt = 3; attempt <= 4; attempt++) {
        const page = await second.post('/sca/otp', { otp: '00000000', action: 'approve' });
        assert.match(page.body, new RegExp(`Il vous reste ${5 - attempt} essai`));
      }
      const locked = errorOf(
        redirectOf(await second.post('/sca/otp', { otp: '00000000', action: 'approve' })),
      );
      assert.deepEqual([locked.error, locked.state], ['access_denied', 'lock2']);
      assert.match(locked.description ?? '', /RTS Art\. 4\(3\)\(b\)/);
      assert.equal(
        (await second.post('/sca/otp', { otp: MARC.otp, action: 'approve' })).statusCode,
        400,
        'the session is gone',
      );
      // Even the right code in the first session is refused while locked; no new SMS is sent at login.
      const refused = errorOf(redirectOf(await first.post('/sca/otp', { otp: MARC.otp, action: 'approve' })));
      assert.deepEqual([refused.error, refused.state], ['access_denied', 'lock']);
      const third = new Browser(bank);
      await third.get(authorizeUrl(bank.pki.acme, { state: 'lock3' }));
      const atLogin = errorOf(
        redirectOf(await third.post('/sca/login', { username: marie, action: 'approve' })),
      );
      assert.deepEqual([atLogin.error, atLogin.state], ['access_denied', 'lock3']);
      clock.advance(31 * 60);
      const later = new Browser(bank);
      await later.get(authorizeUrl(bank.pki.acme));
      await later.post('/sca/login', { username: marie, action: 'approve' });
      assert.equal(
        (await later.post('/sca/otp', { otp: MARC.otp, action: 'approve' })).statusCode,
        200,
        'unlocked after 30 minutes',
      );
    });

    test('concurrent wrong codes cannot exceed five checks', async () => {
      const alix = 'D0999992I0';
      const browser = new Browser(bank);
      await browser.get(authorizeUrl(bank.pki.acme));
      await browser.post('/sca/login', { username: alix, action: 'approve' });
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => browser.post('/sca/otp', { otp: '00000000', action: 'approve' })),
      );
      const wrongCodePages = answers.filter(
        (answer) => answer.statusCode === 200 && /Code incorrect/.test(answer.body),
      );
      assert.ok(wrongCodePages.length <= 4, `${wrongCodePages.length} wrong-code pages`);
      const retry = new Browser(bank);
      await retry.get(authorizeUrl(bank.pki.acme));
      assert.equal(
        redirectOf(await retry.post('/sca/login', { username: alix, action: 'approve' })).searchParams.get(
          'error',
        ),
        'access_denied',
      );
    });

    test('more than five minutes of inactivity sends the customer back with access_denied (RTS Art. 4(3)(d))', async () => {
      const browser = new Browser(bank);
      const login = await browser.get(authorizeUrl(bank.pki.acme, { state: 'idle' }));
      assert.match(login.body, /<meta http-equiv="refresh" content="300;url=\/sca\/timeout">/);
      clock.advance(301);
      const timedOut = errorOf(
        redirectOf(await browser.post('/sca/login', { username: MARC.id, action: 'approve' })),
      );
      assert.deepEqual([timedOut.error, timedOut.state], ['access_denied', 'idle']);
      const viaRefresh = new Browser(bank);
      await viaRefresh.get(authorizeUrl(bank.pki.acme, { state: 'idle2' }));
      const refreshed = errorOf(redirectOf(await viaRefresh.get('/sca/timeout')));
      assert.deepEqual([refreshed.error, refreshed.state], ['access_denied', 'idle2']);
    });

    test('a form without the session cookie or with another CSRF token is refused at the bank', async () => {
      const browser = new Browser(bank);
      await browser.get(authorizeUrl(bank.pki.acme));
      const stranger = new Browser(bank);
      stranger.csrf = browser.csrf;
      assert.equal(
        (await stranger.post('/sca/login', { username: MARC.id, action: 'approve' })).statusCode,
        400,
      );
      browser.csrf = 'forged';
      const forged = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.headers.location, undefined);
    });

    test('an unknown online-banking id is said so on the page; only offered accounts can be consented', async () => {
      const browser = new Browser(bank);
      await browser.get(authorizeUrl(bank.pki.acme));
      const unknown = await browser.post('/sca/login', { username: 'D0000000X0', action: 'approve' });
      assert.match(unknown.body, /Identifiant inconnu/);
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      const consentPage = await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      for (const iban of [
        'FR7613807008043001965405158',
        'FR7613807008043001965405255',
        'FR7613807008043001965405352',
      ]) {
        assert.match(consentPage.body, new RegExp(`name="accounts" value="${iban}"`));
      }
      const foreign = await browser.post('/sca/consent', {
        accounts: ['FR7613807008043001965406128'],
        action: 'approve',
      });
      assert.equal(foreign.statusCode, 200);
      assert.match(foreign.body, /Choisissez au moins un compte/);
    });
  });
}

describe('the SCA pages are rate-limited per address', () => {
  /** A bank allowing 3 page requests a minute, Acme onboarded. */
  const limitedBank = async () => {
    // A clock frozen now: the counting window must not roll over in the middle of the test, and the
    // certificates (issued on the real clock) are valid at that instant whatever the date.
    const frozen = new Date();
    const bank = await injectApp(ENGINES[0] ?? 'PGlite', {
      env: { OPENSTET_PSU_RATE_LIMIT: '3' },
      now: () => frozen,
    });
    await bank.onboard(bank.pki.acme);
    return bank;
  };

  test('beyond OPENSTET_PSU_RATE_LIMIT requests a minute, 429 with Retry-After, as a page', async () => {
    const bank = await limitedBank();
    try {
      const statuses = [];
      for (let call = 0; call < 3; call++)
        statuses.push((await new Browser(bank).get(authorizeUrl(bank.pki.acme))).statusCode);
      assert.deepEqual(statuses, [200, 200, 200]);
      const limited = await new Browser(bank).get(authorizeUrl(bank.pki.acme));
      assert.equal(limited.statusCode, 429);
      assert.match(String(limited.headers['content-type']), /^text\/html/);
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      assert.match(limited.body, /Trop de demandes/);
      const metadata = await bank.app.public.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      });
      assert.equal(metadata.statusCode, 200, 'discovery is not limited');
    } finally {
      await bank.close();
    }
  });

  test('the quota counts the route the router matched: a percent-encoded path is the same page (review finding 1)', async () => {
    const bank = await limitedBank();
    try {
      const encoded = authorizeUrl(bank.pki.acme).replace('/authorize', '/%61uthorize');
      const statuses = [];
      for (let call = 0; call < 3; call++) statuses.push((await new Browser(bank).get(encoded)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200], 'the router serves /%61uthorize as /authorize');
      assert.equal((await new Browser(bank).get(authorizeUrl(bank.pki.acme))).statusCode, 429);
      assert.equal((await new Browser(bank).get(encoded)).statusCode, 429);
      const login = await bank.app.public.inject({
        method: 'POST',
        url: '/%73ca/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=D0999990I0&action=approve',
      });
      assert.equal(login.statusCode, 429);
    } finally {
      await bank.close();
    }
  });
});
