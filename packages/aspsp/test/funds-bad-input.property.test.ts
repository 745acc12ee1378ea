import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { assertClearAnswer } from './helpers/assertions.ts';
import { hostileBody } from './helpers/hostile-input.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { FUNDS_BODY, fundsCheck, obtainTokens, type Tokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader, signedHeaders } from './helpers/tpp-request.ts';

const URL_V142 = '/stet/psd2/v1.4.2/funds-confirmations';

/** Mutations of the seed's example body: fields removed, replaced by random JSON, or the text broken. */
const mutatedBody = fc.oneof(
  fc
    .record(
      {
        paymentCoverageRequestId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        payee: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
        instructedAmount: fc.oneof(
          fc.record(
            {
              currency: fc.oneof(fc.constantFrom('EUR', 'USD', 'eur', ''), fc.string()),
              amount: fc.oneof(
                fc.string(),
                fc.double(),
                fc.integer(),
                fc.constantFrom('123.45', '1e3', '-1', '0.001', '99999999999999'),
              ),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
        accountId: fc.oneof(
          fc.record(
            {
              iban: fc.oneof(
                fc.constantFrom('FR7613807008043001965405158', 'FR7613807008043001965405159', ''),
                fc.string(),
              ),
              other: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.json(),
  fc.tuple(fc.nat(), fc.string({ maxLength: 5 })).map(([at, insert]) => {
    const text = JSON.stringify(FUNDS_BODY);
    const position = at % text.length;
    return text.slice(0, position) + insert + text.slice(position + 1);
  }),
);

for (const engine of ENGINES) {
  describe(`funds confirmation: bad input always gets a 4xx ErrorModel, never a 5xx (${engine})`, () => {
    let bank: InjectApp;
    let tokens: Tokens;
    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
      tokens = await obtainTokens(bank, bank.pki.acme);
    });
    after(() => bank.close());

    test('random, mutated and hostile bodies (control characters, deep nesting), correctly signed with a valid token (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedBody, hostileBody(FUNDS_BODY)), async (payload) => {
          assertClearAnswer(
            await fundsCheck(bank, bank.pki.acme, tokens.access_token, { body: payload }),
            payload,
          );
        }),
        { numRuns: 300 },
      );
    });

    test('random values in the STET headers of a valid call (property)', async () => {
      const headerNames = [
        'authorization',
        'signature',
        'digest',
        'x-request-id',
        'date',
        'content-type',
        'psu-ip-address',
      ] as const;
      const body = JSON.stringify(FUNDS_BODY);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...headerNames),
            fc.string({ unit: 'grapheme-ascii', maxLength: 100 }),
            { minKeys: 1 },
          ),
          async (overrides) => {
            const headers = await signedHeaders(bank.pki.acme, {
              method: 'POST',
              url: URL_V142,
              body,
              headers: { authorization: `Bearer ${tokens.access_token}` },
            });
            const response = await bank.app.mtls.inject({
              method: 'POST',
              url: URL_V142,
              payload: body,
              headers: {
                ...headers,
                ...overrides,
                ...proxyCertificateHeader(bank.pki.acme.qwac.certificatePem),
              },
            });
            assertClearAnswer(response, overrides);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe(`TMRQ: the per-TPP quota answers 429 with Retry-After (${engine})`, () => {
    test('with OPENSTET_TPP_RATE_LIMIT=3, the fourth call within a second is refused', async () => {
      const bank = await injectApp(engine, { env: { OPENSTET_TPP_RATE_LIMIT: '3' } });
      try {
        await bank.onboard(bank.pki.acme);
        const tokens = await obtainTokens(bank, bank.pki.acme);
        let refused: LightMyRequestResponse | undefined;
        for (let call = 0; call < 10 && !refused; call++) {
          const response = await fundsCheck(bank, bank.pki.acme, tokens.access_token);
          if (response.statusCode === 429) refused = response;
        }
        assert.ok(refused, 'a call was refused');
        assert.equal(refused.json().error, 'TMRQ');
        assert.equal(refused.headers['retry-after'], '1');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.equal(
          (await fundsCheck(bank, bank.pki.acme, tokens.access_token)).statusCode,
          200,
          'the next second is open again',
        );
      } finally {
        await bank.close();
      }
    });
  });
}
