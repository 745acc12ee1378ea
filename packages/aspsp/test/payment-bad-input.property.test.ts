import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isErrorModel, StetSchemas, type StetVersion } from '@openstet/protocol';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { controlText, hostileBody } from './helpers/hostile-input.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import {
  CREDITOR_IBAN,
  PAYMENT_REQUESTS,
  paymentBody,
  pispCall,
  pispCredentials,
  pispToken,
} from './helpers/payment-calls.ts';
import type { TppCredentials } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';

type Json = Record<string, unknown>;

/** Every field name of the PaymentRequestResource of both versions, at every level. */
function fieldNames(schema: unknown, names = new Set<string>()): Set<string> {
  const { properties, items, anyOf } = schema as { properties?: Json; items?: unknown; anyOf?: unknown[] };
  for (const [name, child] of Object.entries(properties ?? {})) {
    names.add(name);
    fieldNames(child, names);
  }
  if (items) fieldNames(items, names);
  for (const branch of anyOf ?? []) fieldNames(branch, names);
  return names;
}
const FIELDS = [
  ...fieldNames(StetSchemas.PaymentRequestResource.v1),
  ...fieldNames(StetSchemas.PaymentRequestResource['v1.4.2']),
  'ui_locales',
];

/**
 * Bad input's contract on the payment endpoints: a 4xx ErrorModel with `X-Request-ID`, a message of at most
 * 140 characters that names the field to fix (or the body as a whole), never a 5xx.
 */
function assertNamedRefusal(response: LightMyRequestResponse, input: unknown): void {
  assert.ok(response.headers['x-request-id'], 'X-Request-ID on every answer');
  assert.ok(
    response.statusCode >= 400 && response.statusCode < 500,
    `${response.statusCode} for ${JSON.stringify(input)?.slice(0, 400)}: ${response.body}`,
  );
  const body = response.json();
  assert.ok(isErrorModel(body), response.body);
  assert.ok(body.message.length > 0 && body.message.length <= 140);
  assert.ok(
    /\bbody\b/i.test(body.message) || FIELDS.some((field) => body.message.includes(field)),
    `the message names no field: ${body.message}`,
  );
}

const text = fc.oneof(fc.string({ maxLength: 40 }), controlText, fc.constantFrom('', 'SEPA', 'INST', 'RJCT'));
const anything = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue());
const amount = fc.record(
  {
    currency: fc.oneof(fc.constantFrom('EUR', 'USD', 'eur', ''), text),
    amount: fc.oneof(
      text,
      fc.double(),
      fc.integer(),
      fc.constantFrom('50.00', '1e3', '-1', '0', '0.001', '99999999999999', 12.345),
    ),
  },
  { requiredKeys: [] },
);
const account = fc.record(
  {
    iban: fc.oneof(fc.constantFrom(CREDITOR_IBAN, 'FR7613807008043001965405159', 'fr76 3000', ''), text),
    other: anything,
  },
  { requiredKeys: [] },
);
const beneficiary = fc.record(
  { creditor: fc.oneof(fc.record({ name: text }), anything), creditorAccount: fc.oneof(account, anything) },
  { requiredKeys: [] },
);
const date = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((day) => day.toISOString()),
  text,
);
const instruction = fc.record(
  {
    paymentId: fc.oneof(fc.record({ instructionId: text, endToEndId: text }, { requiredKeys: [] }), anything),
    instructedAmount: fc.oneof(amount, anything),
    beneficiary: fc.oneof(beneficiary, anything),
    remittanceInformation: fc.oneof(
      fc.array(text, { maxLength: 3 }),
      fc.record({ unstructured: fc.array(text) }),
      anything,
    ),
    requestedExecutionDate: date,
    endDate: date,
    frequency: fc.oneof(fc.constantFrom('DAIL', 'WEEK', 'MNTH', 'YEAR'), text),
    executionRule: fc.oneof(fc.constantFrom('FWNG', 'PREC'), text),
    transactionStatus: text,
  },
  { requiredKeys: [] },
);

/** Random PaymentRequestResources: every field absent, plausible or random JSON. */
const randomRequest = fc
  .record(
    {
      paymentInformationId: fc.oneof(text, fc.integer()),
      creationDateTime: date,
      numberOfTransactions: fc.oneof(fc.integer({ min: -2, max: 12 }), anything),
      initiatingParty: fc.oneof(fc.record({ name: text }), anything),
      paymentTypeInformation: fc.oneof(
        fc.record(
          {
            serviceLevel: fc.oneof(fc.constantFrom('SEPA', 'NURG'), text),
            localInstrument: fc.oneof(fc.constantFrom('INST', 'SDCL'), text),
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
      debtorAccount: fc.oneof(account, anything),
      beneficiary: fc.oneof(beneficiary, anything),
      chargeBearer: fc.oneof(fc.constantFrom('SLEV', 'DEBT'), text),
      requestedExecutionDate: date,
      creditTransferTransaction: fc.oneof(fc.array(instruction, { maxLength: 12 }), anything),
      supplementaryData: fc.oneof(
        fc.record(
          {
            acceptedAuthenticationApproach: fc.oneof(
              fc.array(fc.constantFrom('REDIRECT', 'EMBEDDED', 'DECOUPLED')),
              anything,
            ),
            successfulReportUrl: fc.oneof(
              fc.constantFrom('https://paynow.example/ok', 'http://x'),
              fc.webUrl(),
              text,
            ),
            unsuccessfulReportUrl: fc.oneof(fc.webUrl(), text),
            scaHint: text,
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));

/** A valid body with one field removed or replaced by random JSON, at any depth. */
function mutatedRequest(valid: Json) {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(valid, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.option(anything, { nil: undefined }))
    .map(([path, replacement]) => {
      const copy = structuredClone(valid);
      let parent = copy as Json;
      for (const key of path.slice(0, -1)) parent = parent[key] as Json;
      const last = path.at(-1) as string;
      if (replacement === undefined) delete parent[last];
      else parent[last] = replacement;
      return JSON.stringify(copy);
    });
}

/** The text of a valid body with characters replaced: mostly broken JSON, sometimes a body still valid. */
function brokenText(valid: Json) {
  const text = JSON.stringify(valid);
  return fc
    .tuple(fc.nat(), fc.string({ maxLength: 5 }))
    .map(([at, insert]) => text.slice(0, at % text.length) + insert + text.slice((at % text.length) + 1));
}

for (const engine of ENGINES) {
  describe(`payment requests: bad input always gets a 4xx ErrorModel naming the field, never a 5xx, never a payment (${engine})`, () => {
    let bank: InjectApp;
    let payNow: TppCredentials;
    let pisp: string;
    before(async () => {
      bank = await injectApp(engine);
      payNow = await pispCredentials(bank.pki.ca);
      await bank.onboard(payNow, ['PSP_PI']);
      pisp = await pispToken(bank, payNow);
    });
    after(() => bank.close());

    const paymentCount = async () =>
      Number(
        (
          await bank.store.db
            .selectFrom('paymentRequests')
            .select((eb) => eb.fn.countAll().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );

    test('random, mutated and hostile bodies posted on both versions (property)', async () => {
      const versionAndBody = fc.constantFrom<StetVersion>('v1', 'v1.4.2').chain((version) => {
        const valid = paymentBody(version);
        const body = fc.oneof(
          randomRequest,
          mutatedRequest(valid),
          brokenText(valid),
          hostileBody(valid as never),
          fc.json(),
        );
        return fc.tuple(fc.constant(version), body);
      });
      await fc.assert(
        fc.asyncProperty(versionAndBody, async ([version, payload]) => {
          const before = await paymentCount();
          const response = await pispCall(bank, payNow, pisp, {
            method: 'POST',
            url: PAYMENT_REQUESTS(version),
            body: payload,
          });
          // A broken character may leave a valid request (in a name, a remittance): created, as it should be.
          if (response.statusCode === 201) return;
          assertNamedRefusal(response, payload);
          assert.equal(await paymentCount(), before, 'no payment request was created');
        }),
        { numRuns: 300 },
      );
    });

    test('random and mutated bodies on PUT and confirmation leave the request as it was (property)', async () => {
      const created = await pispCall(bank, payNow, pisp, {
        method: 'POST',
        url: PAYMENT_REQUESTS('v1.4.2'),
        body: paymentBody('v1.4.2', 'PROPERTY-PUT'),
      });
      assert.equal(created.statusCode, 201, created.body);
      const url = new URL(String(created.headers.location)).pathname;
      const read = async () =>
        (await pispCall(bank, payNow, pisp, { method: 'GET', url })).json().paymentRequest as Json;
      const echoed = await read();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(randomRequest, mutatedRequest(echoed), brokenText(echoed), fc.json()),
          fc.boolean(),
          async (payload, confirm) => {
            const response = await pispCall(bank, payNow, pisp, {
              method: confirm ? 'POST' : 'PUT',
              url: confirm ? `${url}/confirmation` : url,
              body: payload,
            });
            // A well-formed confirmation body is not bad input: the PSU has not approved, which is the answer.
            if (confirm && response.statusCode === 409) {
              assert.equal(response.json().error, 'PAYMENT_NOT_APPROVED');
              return;
            }
            assertNamedRefusal(response, payload);
          },
        ),
        { numRuns: 200 },
      );
      assert.equal((await read()).paymentInformationStatus, 'RCVD', 'neither cancelled nor confirmed');
    });
  });
}
