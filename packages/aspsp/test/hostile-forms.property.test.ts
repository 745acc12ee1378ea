import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { controlText, deeplyNested } from './helpers/hostile-input.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { authorizeUrl, Browser, MARC, TPP_PKCE } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader } from './helpers/tpp-request.ts';

/** A value a form or a query string may carry: ordinary, hostile text, or JSON nested deep. */
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  controlText,
  deeplyNested.map((deep) => deep.slice(0, 2000)),
);

/** Never a 5xx; a refusal of a PSU page is a page, never JSON or a stack trace. */
function assertPageAnswer(response: LightMyRequestResponse, input: unknown): void {
  assert.ok(
    response.statusCode < 500,
    `${response.statusCode} for ${JSON.stringify(input)}: ${response.body.slice(0, 300)}`,
  );
  assert.ok(response.headers['x-request-id'], 'X-Request-ID on every answer');
  if (response.statusCode >= 400)
    assert.match(String(response.headers['content-type']), /^text\/html/, JSON.stringify(input));
}

for (const engine of ENGINES) {
  describe(`hostile query strings and forms on both listeners: never a 5xx (${engine})`, () => {
    let bank: InjectApp;
    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
    });
    after(() => bank.close());

    test('GET /authorize with any parameter replaced by control characters or deep JSON (public listener, property)', async () => {
      const base = new URLSearchParams(authorizeUrl(bank.pki.acme, { state: 's' }).split('?')[1]);
      const names = [...base.keys(), 'extra'];
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...names), value, { minKeys: 1 }),
          async (overrides) => {
            const query = new URLSearchParams(base);
            for (const [name, text] of Object.entries(overrides)) query.set(name, text);
            const response = await new Browser(bank).get(`/authorize?${query}`);
            assertPageAnswer(response, overrides);
          },
        ),
        { numRuns: 200 },
      );
    });

    test('form posts to every SCA page, within a session or not, with hostile fields (public listener, property)', async () => {
      const fields = ['username', 'password', 'otp', 'accounts', 'action', 'csrf', 'extra'];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/sca/login', '/sca/otp', '/sca/consent'),
          fc.dictionary(fc.constantFrom(...fields), fc.oneof(value, fc.array(value, { maxLength: 3 })), {
            minKeys: 1,
          }),
          fc.boolean(),
          async (path, form, inSession) => {
            const browser = new Browser(bank);
            if (inSession) await browser.get(authorizeUrl(bank.pki.acme));
            if (inSession && path !== '/sca/login')
              await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
            const { csrf, ...rest } = form;
            if (csrf !== undefined) browser.csrf = [csrf].flat()[0] ?? '';
            assertPageAnswer(await browser.post(path, rest as Record<string, string | string[]>), form);
          },
        ),
        // Marc's SMS-code failures count (RTS Art. 4(3)(b)); a lock is an answer like any other here.
        { numRuns: 150 },
      );
    });

    test('POST /token with hostile form fields gets an RFC 6749 error, never a 5xx (mTLS listener, property)', async () => {
      const names = [
        'grant_type',
        'code',
        'redirect_uri',
        'code_verifier',
        'refresh_token',
        'scope',
        'extra',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...names), value, { minKeys: 1 }),
          async (overrides) => {
            const form = new URLSearchParams({
              grant_type: 'authorization_code',
              client_id: bank.pki.acme.organizationIdentifier,
              code_verifier: TPP_PKCE.verifier,
              ...overrides,
            });
            const response = await bank.app.mtls.inject({
              method: 'POST',
              url: '/token',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                ...proxyCertificateHeader(bank.pki.acme.qwac.certificatePem),
              },
              payload: form.toString(),
            });
            assert.ok(
              response.statusCode >= 400 && response.statusCode < 500,
              `${response.statusCode}: ${response.body}`,
            );
            assert.equal(typeof response.json().error, 'string');
          },
        ),
        { numRuns: 200 },
      );
    });
  });
}
