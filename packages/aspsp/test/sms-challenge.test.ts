import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { sandboxStrongAuthentication } from '../src/bank/sandbox/sandbox-strong-authentication.ts';
import { injectApp } from './helpers/inject-app.ts';
import { authorizeUrl, Browser, MARC } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

test('one SMS per login: a wrong code shows the same destination again without sending another code', async () => {
  const sandbox = sandboxStrongAuthentication();
  let sent = 0;
  const counting = {
    challenge: async (...args: Parameters<typeof sandbox.challenge>) => {
      sent++;
      return sandbox.challenge(...args);
    },
    verify: sandbox.verify,
  };
  const bank = await injectApp(ENGINES[0] ?? 'PGlite', {
    coreBanking: sandboxCoreBanking(),
    strongAuthentication: counting,
  });
  try {
    await bank.onboard(bank.pki.acme);
    const browser = new Browser(bank);
    await browser.get(authorizeUrl(bank.pki.acme));
    const otpPage = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
    assert.match(otpPage.body, /au 06 \*\* \*\* \*\* 78/);
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await browser.post('/sca/otp', { otp: '11111111', action: 'approve' });
      assert.match(again.body, /au 06 \*\* \*\* \*\* 78/);
    }
    assert.equal(sent, 1);
  } finally {
    await bank.close();
  }
});
