import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { App } from '../src/app.ts';
import { assertClearAnswer } from './helpers/assertions.ts';
import { hostileBody } from './helpers/hostile-input.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader, signedHeaders } from './helpers/tpp-request.ts';

const ROUTE = '/stet/psd2/v1/test-funds';
const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 120 });
const STET_HEADERS = [
  'signature',
  'digest',
  'x-request-id',
  'date',
  'content-type',
  'psu-ip-address',
  'psu-device-id',
  'authorization',
] as const;

for (const engine of ENGINES) {
  describe(`bad headers and bodies on a signed STET route get a clear 4xx, never a 5xx (${engine})`, () => {
    let bank: InjectApp;
    before(async () => {
      bank = await injectApp(engine, {
        extend: (app: App) => {
          app.mtls.post(
            ROUTE,
            app.trust.stetRoute({ role: 'PSP_IC', signResponse: true }),
            async (request) => ({ received: request.body ?? null }),
          );
        },
      });
      await bank.onboard(bank.pki.acme);
    });
    after(() => bank.close());

    const send = (headers: Record<string, string>, payload: string) =>
      bank.app.mtls.inject({
        method: 'POST',
        url: ROUTE,
        payload,
        headers: { ...headers, ...proxyCertificateHeader(bank.pki.acme.qwac.certificatePem) },
      });

    test('random values in any STET header of an otherwise valid signed request (property)', async () => {
      const body = '{"paymentCoverageRequestId":"MyCoverage123456"}';
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...STET_HEADERS), headerText, { minKeys: 1 }),
          async (overrides) => {
            const headers = {
              ...(await signedHeaders(bank.pki.acme, { method: 'POST', url: ROUTE, body })),
              ...overrides,
            };
            assertClearAnswer(await send(headers, body), overrides);
          },
        ),
        { numRuns: 400 },
      );
    });

    test('random, mutated and hostile bodies (control characters, deep nesting), correctly signed or not (property)', async () => {
      const mutated = fc
        .tuple(fc.json(), fc.nat(), fc.string({ maxLength: 4 }))
        .map(
          ([json, at, insert]) =>
            json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1)),
        );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.json(),
            fc.string(),
            mutated,
            hostileBody({ paymentCoverageRequestId: 'MyCoverage123456', note: ['a', 'b'] }),
          ),
          fc.boolean(),
          async (payload, sign) => {
            const headers = sign
              ? await signedHeaders(bank.pki.acme, { method: 'POST', url: ROUTE, body: payload })
              : { 'x-request-id': 'unsigned', 'content-type': 'application/json' };
            const response = await send(headers, payload);
            assertClearAnswer(response, payload);
            if (!sign) assert.notEqual(response.statusCode, 200);
          },
        ),
        { numRuns: 400 },
      );
    });
  });
}
