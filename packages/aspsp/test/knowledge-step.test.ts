import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SANDBOX_PERSONAS } from '../src/bank/sandbox/personas.ts';
import { sandboxStrongAuthentication } from '../src/bank/sandbox/sandbox-strong-authentication.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { authorizeUrl, Browser, MARC, redirectOf } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

const MARC_PASSWORD = 'Marc#13807';

/** An error page's or a login page's alert, as the customer reads it. */
const alertOf = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];

for (const engine of ENGINES) {
  describe(`the knowledge step: a password with the online-banking id, then the SMS code (review finding 13) (${engine})`, () => {
    let bank: InjectApp;
    before(async () => {
      bank = await injectApp(engine, { env: { OPENSTET_SCA_KNOWLEDGE_STEP: 'true' } });
      await bank.onboard(bank.pki.acme);
    });
    after(() => bank.close());

    const login = async (username: string, password: string, state = 'k') => {
      const browser = new Browser(bank);
      const page = await browser.get(authorizeUrl(bank.pki.acme, { state }));
      assert.match(
        page.body,
        /<input id="password" name="password" type="password" autocomplete="current-password" required>/,
      );
      return { browser, page: await browser.post('/sca/login', { username, password, action: 'approve' }) };
    };

    test('each persona has its documented password; without the setting the seed flow asks none', async () => {
      const sca = sandboxStrongAuthentication({ knowledgeStep: true });
      for (const persona of SANDBOX_PERSONAS) {
        const expected = `${persona.persona.replace(/[\s'’]/g, '')}#13807`;
        assert.equal(persona.password, expected);
        assert.equal(await sca.knowledge?.verify(persona.profile, expected), true, persona.persona);
        assert.equal(await sca.knowledge?.verify(persona.profile, `${expected} `), false);
      }
      assert.equal(sandboxStrongAuthentication().knowledge, undefined);
      const seedFlow = await injectApp(engine);
      try {
        await seedFlow.onboard(seedFlow.pki.acme);
        const page = await new Browser(seedFlow).get(authorizeUrl(seedFlow.pki.acme));
        assert.doesNotMatch(page.body, /name="password"/);
      } finally {
        await seedFlow.close();
      }
    });

    test('the right password leads to the SMS code; a wrong one and an unknown id read the same', async () => {
      const wrong = await login(MARC.id, 'Marc#00000');
      assert.equal(alertOf(wrong.page.body), 'Identifiant ou mot de passe incorrect. Vérifiez votre saisie.');
      const unknown = await login('D0000000X0', MARC_PASSWORD);
      assert.equal(alertOf(unknown.page.body), alertOf(wrong.page.body));
      const { browser, page } = await login(MARC.id, MARC_PASSWORD);
      assert.match(page.body, /name="otp"/);
      await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      const back = redirectOf(
        await browser.post('/sca/consent', { accounts: MARC.accounts, action: 'approve' }),
      );
      assert.ok(back.searchParams.get('code'));
      await bank.app.flushAudit();
      const events = await bank.app.services.audit.recent(50);
      assert.ok(events.some((event) => event.error === 'WRONG_PASSWORD'));
      assert.ok(!JSON.stringify(events).includes(MARC_PASSWORD), 'the password is not in the audit trail');
    });

    test('password and SMS-code failures count together: the fifth locks (RTS Art. 4(3)(b)); a right password gives no extra tries', async () => {
      // Marie, so that Marc's other tests are not locked out.
      const marie = 'D0999991I0';
      for (let attempt = 1; attempt <= 3; attempt++) await login(marie, 'nope');
      const { browser, page } = await login(marie, 'Marie#13807');
      assert.match(page.body, /name="otp"/, 'the right password still opens the SMS step');
      const fourth = await browser.post('/sca/otp', { otp: '00000000', action: 'approve' });
      assert.equal(alertOf(fourth.body), 'Code incorrect. Il vous reste 1 essai(s).');
      const fifth = redirectOf(await browser.post('/sca/otp', { otp: '00000000', action: 'approve' }));
      assert.equal(fifth.searchParams.get('error'), 'access_denied');
      assert.match(fifth.searchParams.get('error_description') ?? '', /RTS Art\. 4\(3\)\(b\)/);
      const locked = await login(marie, 'Marie#13807', 'after');
      assert.equal(redirectOf(locked.page).searchParams.get('error'), 'access_denied');
    });

    test('an unknown id behaves as a known one: the same page, and locked after five tries across sessions', async () => {
      const run = async (username: string) => {
        const pages: string[] = [];
        for (let attempt = 1; attempt <= 5; attempt++) {
          const { page } = await login(username, 'nope', `u${attempt}`);
          pages.push(
            page.statusCode === 303
              ? `303 ${redirectOf(page).searchParams.get('error')}`
              : `${page.statusCode} ${alertOf(page.body)}`,
          );
        }
        return pages;
      };
      // Thomas (D0999980) is known; D0999989 is no one's id.
      assert.deepEqual(await run('D0999989'), await run('D0999980'));
      assert.equal((await run('D0999989')).at(-1), '303 access_denied');
    });
  });
}
