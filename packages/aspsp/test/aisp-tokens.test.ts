import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../src/core/accounts/calendar-day.ts';
import { testClock } from './helpers/clock.ts';
import { stetGet } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { obtainTokens, token } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

const DAY_SECONDS = 86_400;

for (const engine of ENGINES) {
  describe(`RTS Art. 10a: an AISP's access lasts 180 days from the SCA, then needs a new one; history beyond 90 days only right after it (${engine})`, () => {
    const clock = testClock();
    let bank: InjectApp;
    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      await bank.onboard(bank.pki.acme);
    });
    after(async () => {
      clock.reset();
      await bank.close();
    });

    const accounts = async (accessToken: string) =>
      (
        await stetGet(bank, bank.pki.acme, accessToken, '/stet/psd2/v1.4.2/accounts', {
          date: clock.now().toUTCString(),
          'psu-ip-address': '192.0.2.10',
        })
      ).statusCode;
    const refresh = (refreshToken: string) =>
      token(bank, bank.pki.acme, { grant_type: 'refresh_token', refresh_token: refreshToken });

    test('extended_transaction_history counts for the hour after the SCA; a refreshed token reads 90 days', async () => {
      const tokens = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp extended_transaction_history' });
      const oldest = async (accessToken: string) => {
        const headers = { date: clock.now().toUTCString(), 'psu-ip-address': '192.0.2.10' };
        const list = await stetGet(bank, bank.pki.acme, accessToken, '/stet/psd2/v1.4.2/accounts', headers);
        let href: string | undefined =
          `${list.json().accounts[0]._links.transactions.href}?dateFrom=2000-01-01`;
        let last = '';
        while (href) {
          const page: { transactions: { bookingDate: string }[]; _links: { next?: { href: string } } } = (
            await stetGet(bank, bank.pki.acme, accessToken, href, headers)
          ).json();
          last = page.transactions.at(-1)?.bookingDate ?? last;
          href = page._links.next?.href;
        }
        return last;
      };
      const today = clock.now().toISOString().slice(0, 10);
      const earliest = new Date(Date.parse(today) - 89 * DAY_SECONDS * 1000).toISOString().slice(0, 10);
      assert.ok((await oldest(tokens.access_token)) < earliest, 'right after the SCA: 13 months');
      clock.advance(3601);
      const refreshed = await refresh(tokens.refresh_token);
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      assert.equal(refreshed.json().scope, 'aisp', 'the refreshed token says it reads 90 days');
      const clamped = await oldest(refreshed.json().access_token);
      assert.ok(
        clamped >= addDays(clock.now().toISOString().slice(0, 10), -89),
        `refreshed: from ${clamped}`,
      );
    });

    test('refreshed for 180 days without the PSU; on day 180 refused (invalid_grant) until the PSU authenticates again', async () => {
      const first = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' });
      let accessToken = first.access_token;
      for (let day = 30; day < 180; day += 30) {
        clock.advance(30 * DAY_SECONDS);
        const refreshed = await refresh(first.refresh_token);
        assert.equal(refreshed.statusCode, 200, `day ${day}: ${refreshed.body}`);
        accessToken = refreshed.json().access_token;
        assert.equal(await accounts(accessToken), 200, `day ${day}`);
      }
      clock.advance(30 * DAY_SECONDS + 1);
      const expired = await refresh(first.refresh_token);
      assert.equal(expired.statusCode, 400);
      assert.deepEqual(
        [expired.json().error, expired.json().error_description],
        ['invalid_grant', 'Refresh token expired (180 days after SCA): a new authorization is needed'],
      );
      assert.equal(await accounts(accessToken), 401, 'the last access token has expired too');
      const renewed = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' });
      assert.equal(await accounts(renewed.access_token), 200, 'a new SCA opens 180 more days');
    });
  });
}
