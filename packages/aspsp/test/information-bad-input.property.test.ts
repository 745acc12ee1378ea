import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { accountResourceId } from '../src/core/accounts/account-id.ts';
import { assertClearAnswer } from './helpers/assertions.ts';
import { controlText } from './helpers/hostile-input.ts';
import { stetGet } from './helpers/information-read.ts';
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
      ids = MARC.accounts.map((iban) => accountResourceId(bank.app.services.informationKey, '13807', iban));
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
          fc.constantFrom('', '/balances', '/transactions'),
          accountId(),
          queryString,
          async (version, read, id, query) => {
            const path = read === '' ? `/accounts${query}` : `/accounts/${id}${read}${query}`;
            const response = await stetGet(
              bank,
              bank.pki.acme,
              tokens.access_token,
              `/stet/psd2/${version}${path}`,
            );
            assertClearAnswer(response, path);
          },
        ),
        { numRuns: 300 },
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
