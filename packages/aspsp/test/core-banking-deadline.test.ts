import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { sandboxStrongAuthentication } from '../src/bank/sandbox/sandbox-strong-authentication.ts';
import type { CoreBanking } from '../src/core/ports/core-banking.ts';
import { injectApp } from './helpers/inject-app.ts';
import { FUNDS_BODY, fundsCheck, obtainTokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

/**
 * The sandbox bank behind a core that answers a funds check from three systems, 60 ms each (subscription,
 * account, position): one call of 180 ms.
 */
function slowFundsReads(): CoreBanking {
  const bank = sandboxCoreBanking();
  return {
    ...bank,
    fundsCheck: async (establishment, psuId, iban) => {
      for (let read = 0; read < 3; read += 1) await sleep(60);
      return bank.fundsCheck(establishment, psuId, iban);
    },
  };
}

test('OPENSTET_CORE_BANKING_TIMEOUT_MS bounds one funds check as a whole: three 60 ms reads exceed 100 ms, 503 INTS', async () => {
  const bank = await injectApp(ENGINES[0] ?? 'PGlite', {
    env: { OPENSTET_CORE_BANKING_TIMEOUT_MS: '100' },
    coreBanking: slowFundsReads(),
    strongAuthentication: sandboxStrongAuthentication(),
  });
  try {
    await bank.onboard(bank.pki.acme);
    const tokens = await obtainTokens(bank, bank.pki.acme, { scope: 'cbpii' });
    // Each read alone fits in 100 ms; together (180 ms) they do not.
    const response = await fundsCheck(bank, bank.pki.acme, tokens.access_token, { body: FUNDS_BODY });
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(response.json().error, 'INTS');
    assert.equal(response.headers['retry-after'], '5');
  } finally {
    await bank.close();
  }
});
