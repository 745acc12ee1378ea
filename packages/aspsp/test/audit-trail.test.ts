import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { fundsCheck, obtainTokens, type Tokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

for (const engine of ENGINES) {
  describe(`the audit trail records every API and token call (RTS Art. 29) (${engine})`, () => {
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
  });
}
