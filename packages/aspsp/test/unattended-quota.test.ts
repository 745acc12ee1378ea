import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accountResourceId } from '../src/core/accounts/account-id.ts';
import { stoppedClock } from './helpers/clock.ts';
import { ACME_AT_13807, stetGet } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { MARC, obtainTokens, type Tokens, token } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

const [MARC_5158, MARC_5255] = MARC.accounts as [string, string];
const ATTENDED = { 'psu-ip-address': '192.0.2.10' };
const DAY_SECONDS = 86_400;

for (const engine of ENGINES) {
  describe(`RTS Art. 36(5)(b): four unattended reads per account, TPP and kind in 24 hours (${engine})`, () => {
    // Stopped: the window is checked to the second, whatever time the machine takes between calls.
    const clock = stoppedClock();
    after(() => clock.reset());
    let bank: InjectApp;
    let second: InjectApp;
    let tokens: Tokens;
    const path = (iban: string, read: string) =>
      `/stet/psd2/v1.4.2/accounts/${accountResourceId(bank.app.services.informationKey, ACME_AT_13807, iban)}/${read}`;
    // Signed with the bank's clock: the bank checks the signed Date against it.
    /** Moves the clock, and refreshes the access token as an AISP would (it lives an hour). */
    const advance = async (seconds: number) => {
      clock.advance(seconds);
      const refreshed = await token(bank, bank.pki.acme, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      tokens = { ...tokens, ...refreshed.json() };
    };
    const read = (on: InjectApp, url: string, headers: Record<string, string> = {}) =>
      stetGet(on, on.pki.acme, tokens.access_token, url, { date: clock.now().toUTCString(), ...headers });
    const status = async (on: InjectApp, url: string, headers: Record<string, string> = {}) =>
      (await read(on, url, headers)).statusCode;

    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      // A second instance of the bank on the same database, as behind a load balancer.
      second = await injectApp(engine, { now: clock.now, store: bank.store });
      await bank.onboard(bank.pki.acme);
      tokens = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' });
    });
    after(async () => {
      await second.close();
      await bank.close();
    });

    test('the fifth unattended read gets 429 TMRQ with Retry-After; attended reads are never counted; the window slides at 24 h', async () => {
      const balances = path(MARC_5158, 'balances');
      for (let read = 0; read < 4; read += 1) {
        assert.equal(await status(bank, balances), 200, `unattended read ${read + 1}`);
        assert.equal(await status(bank, balances, ATTENDED), 200, 'attended: not counted');
        await advance(60);
      }
      const refused = await read(bank, balances);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error, 'TMRQ');
      // The first read was 4 minutes ago: it leaves the window in 24 h minus 4 minutes.
      assert.equal(refused.headers['retry-after'], String(DAY_SECONDS - 240));
      assert.equal(await status(bank, balances, ATTENDED), 200, 'the PSU can always read');
      assert.equal(await status(bank, path(MARC_5255, 'balances')), 200, 'another account has its own four');
      assert.equal(await status(bank, path(MARC_5158, 'transactions')), 200, 'another kind of read too');
      await advance(DAY_SECONDS - 240 - 1);
      assert.equal(await status(bank, balances), 429, 'one second before the first read leaves the window');
      await advance(1);
      assert.equal(await status(bank, balances), 200, 'the first read left: one more');
      assert.equal(await status(bank, balances), 429, 'and only one');
    });

    test('ten reads at once on two instances: exactly four admitted (one transaction under a lock per key)', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          status(index % 2 === 0 ? bank : second, '/stet/psd2/v1/accounts'),
        ),
      );
      assert.deepEqual(answers.sort(), [200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    });

    test('two instances of the bank share one counter (the database)', async () => {
      const balances = path(MARC_5255, 'transactions');
      const answers: number[] = [];
      for (const on of [bank, second, bank, second, second, bank]) answers.push(await status(on, balances));
      assert.deepEqual(answers, [200, 200, 200, 200, 429, 429]);
    });

    test('the pages of a walk count as one read for an hour, then as a new one', async () => {
      const transactions = `${path(MARC_5158, 'transactions')}?dateFrom=2000-01-01`;
      await advance(DAY_SECONDS);
      const first = await read(bank, transactions);
      assert.equal(first.statusCode, 200);
      const next = first.json()._links.next.href as string;
      for (let page = 0; page < 6; page += 1) assert.equal(await status(bank, next), 200, `page ${page}`);
      for (let read = 0; read < 3; read += 1) assert.equal(await status(bank, transactions), 200);
      assert.equal(await status(bank, transactions), 429, 'four walks started');
      assert.equal(await status(bank, next), 200, 'the first walk goes on');
      await advance(3600);
      assert.equal(await status(bank, next), 429, 'an hour later its cursor is a new read');
    });
  });

  describe(`RTS Art. 36(5)(b): a read the bank could not answer is not counted (${engine})`, () => {
    let bank: InjectApp;
    before(async () => {
      bank = await injectApp(engine, { env: { OPENSTET_CORE_BANKING_TIMEOUT_MS: '100' } });
      await bank.onboard(bank.pki.acme);
    });
    after(() => bank.close());

    test("a read the bank could not answer is not counted: Iris's books never answer → 503 INTS, six times", async () => {
      const iris = await obtainTokens(bank, bank.pki.acme, {
        scope: 'aisp',
        psu: 'D0999996I0',
        accounts: ['FR7613807008043001965411172'],
      });
      const url = `/stet/psd2/v1.4.2/accounts/${accountResourceId(bank.app.services.informationKey, ACME_AT_13807, 'FR7613807008043001965411172')}`;
      for (const read of ['balances', 'transactions'])
        for (let call = 0; call < 6; call += 1) {
          const answer = await stetGet(bank, bank.pki.acme, iris.access_token, `${url}/${read}`, {
            date: new Date().toUTCString(),
          });
          assert.deepEqual([answer.statusCode, answer.json().error], [503, 'INTS'], `${read} ${call + 1}`);
        }
    });
  });
}
