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

    test("the sandbox QTSP's OCSP responder answers any bytes with an OCSP answer, never an HTTP error (public listener, property)", async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, byGet) => {
          const der = Buffer.from(bytes);
          const response = byGet
            ? await bank.app.public.inject({
                method: 'GET',
                url: `/pki/ocsp/${encodeURIComponent(der.toString('base64'))}`,
              })
            : await bank.app.public.inject({
                method: 'POST',
                url: '/pki/ocsp',
                headers: { 'content-type': 'application/ocsp-request' },
                payload: der,
              });
          assert.equal(response.statusCode, 200, response.body);
          assert.equal(response.headers['content-type'], 'application/ocsp-response');
        }),
        { numRuns: 300 },
      );
      // Found by review: a CertID whose serial is a zero-length INTEGER (02 00) once made the responder fail.
      const tlv = (tag: number, ...parts: Buffer[]) => {
        const content = Buffer.concat(parts);
        return Buffer.concat([Buffer.from([tag, content.length]), content]);
      };
      const sha1 = tlv(0x30, Buffer.from('06052b0e03021a0500', 'hex'));
      const certId = tlv(0x30, sha1, tlv(0x04, Buffer.alloc(20)), tlv(0x04, Buffer.alloc(20)), tlv(0x02));
      const emptySerial = tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x30, certId))));
      const answer = await bank.app.public.inject({
        method: 'POST',
        url: '/pki/ocsp',
        headers: { 'content-type': 'application/ocsp-request' },
        payload: emptySerial,
      });
      assert.equal(answer.statusCode, 200);
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
