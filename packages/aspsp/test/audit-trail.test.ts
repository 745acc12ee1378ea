import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { authorizeUrl, Browser, fundsCheck, MARC, obtainTokens, type Tokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

for (const engine of ENGINES) {
  describe(`the audit trail records every API, token and PSU-page call (RTS Art. 29) (${engine})`, () => {
    let bank: InjectApp;
    let tokens: Tokens;
    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
      tokens = await obtainTokens(bank, bank.pki.acme);
    });
    after(() => bank.close());

    test('time, X-Request-ID, TPP, PSU, endpoint, outcome and latency — and never a token', async () => {
      const ok = await fundsCheck(bank, bank.pki.acme, tokens.access_token);
      const refused = await fundsCheck(bank, bank.pki.acme, tokens.access_token, {
        body: { paymentCoverageRequestId: 'x' },
      });
      await bank.app.flushAudit();
      const events = await bank.app.services.audit.recent(10);
      const byRequest = (response: typeof ok) =>
        events.find((event) => event.requestId === response.headers['x-request-id']);
      const success = byRequest(ok);
      assert.ok(success, 'the successful call is recorded');
      assert.equal(success.clientId, 'PSDFR-ACPR-12345');
      assert.equal(success.psuId, 'psu-marc');
      assert.equal(success.method, 'POST');
      assert.equal(success.path, '/stet/psd2/v1.4.2/funds-confirmations');
      assert.equal(success.status, 200);
      assert.equal(success.error, undefined);
      assert.ok(success.latencyMs >= 0);
      assert.ok(Math.abs(success.at.getTime() - Date.now()) < 60_000);
      assert.deepEqual([byRequest(refused)?.status, byRequest(refused)?.error], [400, 'FF01']);
      assert.ok(
        events.some((event) => event.path === '/token' && event.status === 200),
        'token calls are recorded',
      );
      const stored = JSON.stringify(events);
      assert.ok(
        !stored.includes(tokens.access_token) && !stored.includes(tokens.refresh_token),
        'no token in the trail',
      );
    });

    test("the customer's steps at the bank: TPP, PSU once known, each refusal by name, and never what was typed", async () => {
      const browser = new Browser(bank);
      const pages = [
        await browser.get(authorizeUrl(bank.pki.acme, { state: 'audit-1' })),
        await browser.post('/sca/login', { username: 'D0000000X0', action: 'approve' }),
        await browser.post('/sca/login', { username: MARC.id, action: 'approve' }),
        await browser.post('/sca/otp', { otp: '87654321', action: 'approve' }),
        await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' }),
        await browser.post('/sca/consent', { accounts: MARC.accounts, action: 'approve' }),
        await browser.post('/sca/consent', { accounts: MARC.accounts, action: 'approve' }),
      ];
      await browser.get('/sca/style.css');
      await bank.app.flushAudit();
      const events = await bank.app.services.audit.recent(50);
      const lines = pages.map((page) => {
        const event = events.find((candidate) => candidate.requestId === page.headers['x-request-id']);
        assert.ok(event, `recorded: ${page.headers['x-request-id']}`);
        return `${event.method} ${event.path} ${event.status} ${event.clientId ?? '-'} ${event.psuId ?? '-'} ${event.error ?? '-'}`;
      });
      assert.deepEqual(lines, [
        'GET /authorize 200 PSDFR-ACPR-12345 - -',
        'POST /sca/login 200 PSDFR-ACPR-12345 - UNKNOWN_USER',
        'POST /sca/login 200 PSDFR-ACPR-12345 psu-marc -',
        'POST /sca/otp 200 PSDFR-ACPR-12345 psu-marc WRONG_OTP',
        'POST /sca/otp 200 PSDFR-ACPR-12345 psu-marc -',
        'POST /sca/consent 303 PSDFR-ACPR-12345 psu-marc -',
        // The session ended with the redirect: a replayed form finds none.
        'POST /sca/consent 400 - - SESSION_UNKNOWN',
      ]);
      assert.ok(
        !events.some((event) => event.path === '/sca/style.css'),
        'style sheets are not interactions',
      );
      const stored = JSON.stringify(events);
      for (const typed of ['87654321', MARC.otp, 'D0000000X0', MARC.id, 'audit-1'])
        assert.ok(!stored.includes(typed), `"${typed}" is not in the trail`);
    });

    test('refusals before and after the login: a redirected /authorize refusal, a forged form, inactivity; scans are not recorded', async () => {
      const plain = await bank.app.public.inject({
        method: 'GET',
        url: authorizeUrl(bank.pki.acme, { codeChallenge: 'x'.repeat(43), codeChallengeMethod: 'plain' }),
      });
      const browser = new Browser(bank);
      await browser.get(authorizeUrl(bank.pki.acme));
      const forged = await bank.app.public.inject({
        method: 'POST',
        url: '/sca/login',
        headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'csrf=forged&username=D0999990I0&action=approve',
      });
      const timeout = await browser.get('/sca/timeout');
      const scan = await bank.app.public.inject({ method: 'GET', url: '/wp-login.php' });
      const discovery = await bank.app.public.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      });
      await bank.app.flushAudit();
      const events = await bank.app.services.audit.recent(100);
      const line = (response: typeof plain) => {
        const event = events.find((candidate) => candidate.requestId === response.headers['x-request-id']);
        return (
          event &&
          `${event.path} ${event.status} ${event.clientId ?? '-'} ${event.psuId ?? '-'} ${event.error ?? '-'}`
        );
      };
      assert.deepEqual(
        [line(plain), line(forged), line(timeout), line(scan), line(discovery)],
        [
          '/authorize 303 PSDFR-ACPR-12345 - invalid_request',
          '/sca/login 403 PSDFR-ACPR-12345 - CSRF_OR_STEP_INVALID',
          '/sca/timeout 303 PSDFR-ACPR-12345 - INACTIVE',
          undefined,
          undefined,
        ],
      );
    });
  });
}
