import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isErrorModel } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { accountResourceId } from '../src/core/accounts/account-id.ts';
import { ACME_AT_13807, stetGet, stetPut } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { fundsCheck, MARC, obtainTokens, type Tokens } from './helpers/journey.ts';
import { servedSchemaErrors, swaggerErrors } from './helpers/response-schemas.ts';
import { ENGINES } from './helpers/stores.ts';

const [MARC_5158, MARC_5255] = MARC.accounts as [string, string];
const MARC_5352 = 'FR7613807008043001965405352';
const ALIX_8165 = 'FR7613807008043001965408165';
const VERSIONS = ['v1', 'v1.4.2'] as const;
type Version = (typeof VERSIONS)[number];
const ATTENDED = { 'psu-ip-address': '192.0.2.10' };

/** What the STET Swagger 1.4.0.47 names each answer's definition. */
const SWAGGER_DEFINITION = {
  '/accounts': 'HalAccounts',
  '/accounts/{accountResourceId}/balances': 'HalBalances',
  '/accounts/{accountResourceId}/transactions': 'HalTransactions',
} as const;

function refusal(response: LightMyRequestResponse): string {
  const body = response.json();
  assert.ok(isErrorModel(body), response.body);
  return `${response.statusCode} ${body.error}`;
}

for (const engine of ENGINES) {
  describe(`AISP reads: accounts, balances, transactions on both versions (ADR 0006) (${engine})`, () => {
    let bank: InjectApp;
    let aisp: Tokens;
    const documents = new Map<Version, unknown>();
    const idOf = (iban: string) => accountResourceId(bank.app.services.informationKey, ACME_AT_13807, iban);
    // Attended reads (the PSU is there): the unattended quota has its own tests.
    const get = (version: Version, path: string, token = aisp.access_token) =>
      stetGet(bank, bank.pki.acme, token, `/stet/psd2/${version}${path}`, ATTENDED);

    /** A 200 whose body validates against the served OpenAPI document and, on 1.4.0.47, STET's Swagger. */
    async function valid(version: Version, template: keyof typeof SWAGGER_DEFINITION, path: string) {
      const response = await get(version, path);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^application\/hal\+json/);
      const body = response.json();
      assert.equal(servedSchemaErrors(documents.get(version), 'GET', template, 200, body), undefined);
      if (version === 'v1') assert.equal(swaggerErrors(SWAGGER_DEFINITION[template], body), undefined);
      return body;
    }

    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
      aisp = await obtainTokens(bank, bank.pki.acme, {
        scope: 'aisp extended_transaction_history',
        accounts: [MARC_5158, MARC_5255],
      });
      for (const version of VERSIONS) {
        const served = await bank.app.public.inject({ url: `/stet/psd2/${version}/openapi.json` });
        documents.set(version, served.json());
      }
    });
    after(() => bank.close());

    for (const version of VERSIONS) {
      test(`GET /accounts lists exactly the accounts Marc ticked, with opaque ids and links (${version})`, async () => {
        const body = await valid(version, '/accounts', '/accounts');
        const ibans = body.accounts.map((account: { accountId: { iban: string } }) => account.accountId.iban);
        assert.deepEqual(ibans, [MARC_5158, MARC_5255]);
        const [first] = body.accounts;
        assert.equal(first.resourceId, idOf(MARC_5158));
        assert.ok(!first.resourceId.includes('FR76'), 'never the IBAN');
        assert.deepEqual(first._links, {
          balances: { href: `/stet/psd2/${version}/accounts/${first.resourceId}/balances` },
          transactions: { href: `/stet/psd2/${version}/accounts/${first.resourceId}/transactions` },
        });
        if (version === 'v1') assert.equal(first.currency, 'EUR');
        else assert.equal(first.accountId.currency, 'EUR');
      });

      test(`balances: CLBD is the seed's Solde, XPCD the instant balance the funds check uses (${version})`, async () => {
        const body = await valid(
          version,
          '/accounts/{accountResourceId}/balances',
          `/accounts/${idOf(MARC_5158)}/balances`,
        );
        const amounts = Object.fromEntries(
          body.balances.map((balance: { balanceType: string; balanceAmount: { amount: unknown } }) => [
            balance.balanceType,
            Number(balance.balanceAmount.amount).toFixed(2),
          ]),
        );
        // The seed: Solde 4 348.95; "montant supérieur à 4 179€" is not covered.
        assert.deepEqual(amounts, { CLBD: '4348.95', XPCD: '4179.00' });
        const funds = (amount: string) =>
          fundsCheck(bank, bank.pki.acme, aisp.access_token, {
            body: {
              paymentCoverageRequestId: 'aisp-token',
              instructedAmount: { currency: 'EUR', amount },
              accountId: { iban: MARC_5158 },
            },
          });
        assert.equal(refusal(await funds('4179.00')), '403 BADS', 'an aisp token cannot check funds');
      });

      test(`transactions: pages of 50 newest first, hrefs within 140 characters, every page valid (${version})`, async () => {
        const template = '/accounts/{accountResourceId}/transactions' as const;
        let path: string | undefined = `/accounts/${idOf(MARC_5158)}/transactions?dateFrom=2000-01-01`;
        const seen: string[] = [];
        let pages = 0;
        while (path !== undefined) {
          const body = await valid(version, template, path);
          pages += 1;
          for (const link of Object.values(body._links) as { href: string }[])
            assert.ok(link.href.length <= 140, `${link.href} is ${link.href.length} characters`);
          seen.push(...body.transactions.map((entry: { entryReference: string }) => entry.entryReference));
          const next: string | undefined = body._links.next?.href;
          path = next?.slice(`/stet/psd2/${version}`.length);
        }
        assert.ok(pages >= 5, `13 months of history make ${pages} pages`);
        assert.equal(new Set(seen).size, seen.length, 'no entry twice');
        assert.deepEqual(
          seen,
          [...seen].sort((a, b) => Number(b) - Number(a)),
          'newest first',
        );
      });

      test(`an account Marc did not tick → 403 NGAC; another customer's or a made-up id → 404 NOT_FOUND (${version})`, async () => {
        for (const read of ['balances', 'transactions']) {
          assert.equal(refusal(await get(version, `/accounts/${idOf(MARC_5352)}/${read}`)), '403 NGAC');
          const other = await get(version, `/accounts/${idOf(ALIX_8165)}/${read}`);
          const madeUp = await get(version, `/accounts/0123456789abcdef0123/${read}`);
          assert.equal(refusal(other), '404 NOT_FOUND');
          assert.equal(other.json().message, madeUp.json().message, 'the same answer: no oracle');
          assert.equal(refusal(madeUp), '404 NOT_FOUND');
        }
      });

      test(`a cbpii token on every AISP path → 403 BADS (${version})`, async () => {
        const cbpii = await obtainTokens(bank, bank.pki.acme, { scope: 'cbpii', accounts: [MARC_5158] });
        const paths = [
          '/accounts',
          `/accounts/${idOf(MARC_5158)}/balances`,
          `/accounts/${idOf(MARC_5158)}/transactions`,
          '/trusted-beneficiaries',
          ...(version === 'v1' ? [] : ['/end-user-identity']),
        ];
        for (const path of paths)
          assert.equal(refusal(await get(version, path, cbpii.access_token)), '403 BADS', path);
        const put = await stetPut(bank, bank.pki.acme, cbpii.access_token, `/stet/psd2/${version}/consents`, {
          balances: [],
          transactions: [],
          trustedBeneficiaries: false,
          psuIdentity: false,
        });
        assert.equal(refusal(put), '403 BADS', 'PUT /consents');
      });
    }

    test('a PSU-IP-Address that is not an IP address → 400 HEADER_INVALID, never taken for an attended read', async () => {
      for (const address of ['', 'localhost', '999.1.1.1']) {
        const response = await stetGet(bank, bank.pki.acme, aisp.access_token, '/stet/psd2/v1.4.2/accounts', {
          'psu-ip-address': address,
        });
        assert.equal(refusal(response), '400 HEADER_INVALID', JSON.stringify(address));
        assert.match(response.json().message, /PSU-IP-Address must be the IPv4 or IPv6 address/);
      }
    });

    test("a closed account is not listed, and reads on it → 403 NGAC (Adam's …4122)", async () => {
      const [closed, open] = ['FR7613807008063031966574122', 'FR7613807008063031966574219'];
      const adam = await obtainTokens(bank, bank.pki.acme, {
        scope: 'aisp',
        psu: 'D0999994I0',
        accounts: [closed, open],
      });
      const list = await get('v1.4.2', '/accounts', adam.access_token);
      assert.deepEqual(
        list.json().accounts.map((account: { accountId: { iban: string } }) => account.accountId.iban),
        [open],
      );
      for (const read of ['balances', 'transactions'])
        assert.equal(
          refusal(await get('v1.4.2', `/accounts/${idOf(closed)}/${read}`, adam.access_token)),
          '403 NGAC',
        );
    });

    test('transactions: a malformed filter or page → 400 FF01 naming it; never a 5xx', async () => {
      const base = `/accounts/${idOf(MARC_5158)}/transactions`;
      const cases: Array<[Version, string, RegExp]> = [
        ['v1', `${base}?dateFrom=yesterday`, /dateFrom must be a date/],
        ['v1', `${base}?dateTo=2026-02-30`, /dateTo must be a date/],
        ['v1', `${base}?afterEntryReference=abc`, /afterEntryReference must be an entryReference/],
        ['v1.4.2', `${base}?entryReferenceto=-1`, /entryReferenceto must be an entryReference/],
        ['v1.4.2', `${base}?afterEntryReference=1`, /Unknown query parameter afterEntryReference/],
        ['v1', `${base}?dateFrom=2026-01-01&dateFrom=2026-02-01`, /Give dateFrom once/],
        ['v1', `${base}?page=AAAAAAAAAAAAAAAAAAAAAAAA`, /page is not a cursor this bank gave/],
        ['v1', `${base}?page=x&dateFrom=2026-01-01`, /page carries the window/],
      ];
      for (const [version, path, message] of cases) {
        const response = await get(version, path);
        assert.equal(refusal(response), '400 FF01', path);
        assert.match(response.json().message, message);
      }
    });
  });
}
