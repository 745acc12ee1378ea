import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Compile } from 'typebox/compile';
import { openApiDocument, STET_VERSIONS, StetSchemas, type StetVersion } from '../src/index.ts';
import { componentValidator } from './document-schemas.ts';

/**
 * The seed's funds-confirmation examples, copied as the portal prints them: seed
 * `000_32425949b5124180.txt`, "Vérifiez la disponibilité des fonds", the request under
 * "POST http://localhost:8080/v1/funds-confirmations" (lines 768-772; the portal drops its outer braces)
 * and the "Status code : 200" answer (line 774, persona Marc). The portal renders JSON quotes as French
 * guillemets « »; `fromSeed` turns them back into JSON quotes.
 */
const SEED_REQUEST = `« paymentCoverageRequestId » : « MyCoverage123456 »,
« instructedAmount » : {
« currency » : « EUR »,
« amount » : « 123.45 » },
« accountId » : { « iban » : « FR7613807008043001965405158 » }`;
const SEED_ANSWER = `{ « result »: true, « request »: { « accountId »: { « iban »: « FR7613807008043001965405158 » }, « paymentCoverageRequestId »: « MyCoverage123456 », « instructedAmount »: { « amount »: « 123.45 », « currency »: « EUR » } }, « _links »: { « self »: { « href »: « https://www.rs-sandbox.api.89c3.com/stet/psd2/v1/funds-confirmations » } }}`;

function fromSeed(text: string): unknown {
  const json = text.replace(/« ?/g, '"').replace(/ ?»/g, '"');
  return JSON.parse(json.trimStart().startsWith('{') ? json : `{${json}}`);
}

const request = fromSeed(SEED_REQUEST) as { instructedAmount: { amount: unknown } };
const answer = fromSeed(SEED_ANSWER) as { request: { instructedAmount: { amount: unknown } } };
/** The same examples as STET 1.4.2 types them: the amount as a JSON number. */
const numeric = <T extends { instructedAmount: { amount: unknown } }>(body: T): T => ({
  ...body,
  instructedAmount: { ...body.instructedAmount, amount: 123.45 },
});

/** Valid against the TypeBox source schema and against the published document's component. */
function validates(
  version: StetVersion,
  name: 'PaymentCoverageRequestResource' | 'HalPaymentCoverageReport',
  value: unknown,
) {
  const source = Compile(StetSchemas[name][version]).Check(value);
  const published = componentValidator(openApiDocument(version), name).Check(value);
  return { source, published };
}

describe("the seed's funds-confirmation examples against the schemas and the OpenAPI documents", () => {
  test('the seed text reads as the JSON it stands for', () => {
    assert.deepEqual(request, {
      paymentCoverageRequestId: 'MyCoverage123456',
      instructedAmount: { currency: 'EUR', amount: '123.45' },
      accountId: { iban: 'FR7613807008043001965405158' },
    });
    assert.equal(answer.request.instructedAmount.amount, '123.45');
  });

  for (const version of STET_VERSIONS) {
    test(`the seed's request and answer are valid on ${version}`, () => {
      const ok = { source: true, published: true };
      assert.deepEqual(validates(version, 'PaymentCoverageRequestResource', request), ok);
      assert.deepEqual(validates(version, 'HalPaymentCoverageReport', answer), ok);
    });
  }

  test('the amount as a number is valid on 1.4.2 only, as each version types it', () => {
    const numericAnswer = { ...answer, request: numeric(answer.request) };
    assert.deepEqual(validates('v1.4.2', 'PaymentCoverageRequestResource', numeric(request)), {
      source: true,
      published: true,
    });
    assert.deepEqual(validates('v1.4.2', 'HalPaymentCoverageReport', numericAnswer), {
      source: true,
      published: true,
    });
    assert.deepEqual(validates('v1', 'PaymentCoverageRequestResource', numeric(request)), {
      source: false,
      published: false,
    });
    assert.deepEqual(validates('v1', 'HalPaymentCoverageReport', numericAnswer), {
      source: false,
      published: false,
    });
  });

  test("the seed's acceptance cases refused by the schema are refused by the document too", () => {
    const { accountId: _account, ...withoutAccount } = request as Record<string, unknown>;
    const cases = [
      { ...request, accountId: { iban: 'FRXXXX807008043001965405158' } },
      { ...request, instructedAmount: { currency: 'EUR' } },
      { ...request, instructedAmount: { amount: '4179' } },
      withoutAccount,
    ];
    for (const version of STET_VERSIONS)
      for (const value of cases)
        assert.deepEqual(validates(version, 'PaymentCoverageRequestResource', value), {
          source: false,
          published: false,
        });
  });
});
