import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { accountResourceId } from '../src/core/accounts/account-id.ts';
import { assertClearAnswer } from './helpers/assertions.ts';
import { controlText, hostileBody } from './helpers/hostile-input.ts';
import { ACME_AT_13807, stetGet, stetPutText } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { MARC, obtainTokens, type Tokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

const PARAMETER_NAMES = [
  'dateFrom',
  'dateTo',
  'afterEntryReference',
  'entryReferenceFrom',
  'entryReferenceto',
  'page',
  'access_token',
  'datefrom',
];

/** Plausible and hostile values of a query parameter. */
const parameterValue = fc.oneof(
  fc.constantFrom('2026-01-31', '2026-01-31T10:00:00+01:00', '1900-01-01', '9999-12-31', '0', '42', ''),
  fc.string({ maxLength: 60 }),
  controlText,
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.base64String({ maxLength: 80 }),
);

/** A query string of random parameters (repeated ones included), URL-encoded. */
const queryString = fc
  .array(
    fc.tuple(fc.oneof(fc.constantFrom(...PARAMETER_NAMES), fc.string({ maxLength: 12 })), parameterValue),
    {
      maxLength: 5,
    },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs)}`));

for (const engine of ENGINES) {
  describe(`AISP reads: random ids, query parameters and headers get a 2xx or a 4xx ErrorModel, never a 5xx (${engine})`, () => {
    let bank: InjectApp;
    let tokens: Tokens;
    let ids: string[];
    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
      tokens = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' });
      ids = MARC.accounts.map((iban) =>
        accountResourceId(bank.app.services.informationKey, ACME_AT_13807, iban),
      );
    });
    after(() => bank.close());

    const accountId = () =>
      fc.oneof(
        fc.constantFrom(...ids),
        fc.string({ maxLength: 50 }).map((id) => encodeURIComponent(id)),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 20, maxLength: 20 }),
      );

    test('random account ids and query parameters on every read, both versions (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('v1', 'v1.4.2'),
          fc.constantFrom('', '/balances', '/transactions', 'beneficiaries', 'identity'),
          accountId(),
          queryString,
          async (version, read, id, query) => {
            const path =
              read === ''
                ? `/accounts${query}`
                : read === 'beneficiaries'
                  ? `/trusted-beneficiaries${query}`
                  : read === 'identity'
                    ? `/end-user-identity${query}`
                    : `/accounts/${id}${read}${query}`;
            // Attended: unattended reads stop at four a day, and the property is about the input.
            const response = await stetGet(
              bank,
              bank.pki.acme,
              tokens.access_token,
              `/stet/psd2/${version}${path}`,
              {
                'psu-ip-address': '192.0.2.10',
              },
            );
            assertClearAnswer(response, path);
          },
        ),
        { numRuns: 200 },
      );
    });

    test('random, mutated and hostile PUT /consents bodies, correctly signed with a valid token (property)', async () => {
      const iban = fc.oneof(
        fc.constantFrom(...MARC.accounts, 'FR7613807008043001965405352', 'FR76', ''),
        fc.string({ maxLength: 40 }),
      );
      const account = fc.oneof(
        fc.record({ iban }, { requiredKeys: [] }),
        fc.record({ other: fc.jsonValue() }),
        fc.jsonValue(),
      );
      const accessBody = fc.record(
        {
          balances: fc.oneof(fc.array(account, { maxLength: 4 }), fc.jsonValue()),
          transactions: fc.oneof(fc.array(account, { maxLength: 4 }), fc.jsonValue()),
          trustedBeneficiaries: fc.oneof(fc.boolean(), fc.jsonValue()),
          psuIdentity: fc.oneof(fc.boolean(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      );
      const valid = {
        balances: [{ iban: 'FR7613807008043001965405158' }],
        transactions: [],
        trustedBeneficiaries: true,
        psuIdentity: false,
      };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('v1', 'v1.4.2'),
          fc.oneof(
            accessBody.map((body) => JSON.stringify(body)),
            hostileBody(valid),
          ),
          async (version, payload) => {
            const response = await stetPutText(
              bank,
              bank.pki.acme,
              tokens.access_token,
              `/stet/psd2/${version}/consents`,
              payload,
            );
            if (response.statusCode === 201) return;
            assertClearAnswer(response, payload);
          },
        ),
        { numRuns: 200 },
      );
    });

    test('random values in the STET headers of a valid transactions read (property)', async () => {
      const headerNames = [
        'authorization',
        'signature',
        'x-request-id',
        'date',
        'psu-ip-address',
        'accept',
      ] as const;
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...headerNames),
            fc.string({ unit: 'grapheme-ascii', maxLength: 100 }),
            {
              minKeys: 1,
            },
          ),
          async (overrides) => {
            const url = `/stet/psd2/v1.4.2/accounts/${ids[0]}/transactions`;
            const response = await stetGet(bank, bank.pki.acme, tokens.access_token, url, {}, overrides);
            assertClearAnswer(response, overrides);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
}
