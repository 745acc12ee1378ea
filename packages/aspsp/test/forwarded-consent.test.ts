import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { isErrorModel } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { stetGet, stetPut } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { MARC, obtainTokens, type Tokens } from './helpers/journey.ts';
import { servedSchemaErrors, swaggerErrors } from './helpers/response-schemas.ts';
import { ENGINES } from './helpers/stores.ts';

const [MARC_5158, MARC_5255] = MARC.accounts as [string, string];
const MARC_5352 = 'FR7613807008043001965405352';
const ATTENDED = { 'psu-ip-address': '192.0.2.10' };

interface Access {
  balances: string[];
  transactions: string[];
  trustedBeneficiaries: boolean;
  psuIdentity: boolean;
}
const access = (balances: string[], transactions: string[], more: Partial<Access> = {}) => ({
  balances: balances.map((iban) => ({ iban })),
  transactions: transactions.map((iban) => ({ iban })),
  trustedBeneficiaries: false,
  psuIdentity: false,
  ...more,
});

function code(response: LightMyRequestResponse): string {
  if (response.statusCode < 300) return String(response.statusCode);
  const body = response.json();
  assert.ok(isErrorModel(body), response.body);
  return `${response.statusCode} ${body.error}`;
}

for (const engine of ENGINES) {
  describe(`PUT /consents: the AISP forwards the PSU's choices, narrowing, never widening (${engine})`, () => {
    let bank: InjectApp;
    let tokens: Tokens;
    const put = (body: unknown, version = 'v1.4.2') =>
      stetPut(bank, bank.pki.acme, tokens.access_token, `/stet/psd2/${version}/consents`, body);
    const get = (path: string, version = 'v1.4.2') =>
      stetGet(bank, bank.pki.acme, tokens.access_token, `/stet/psd2/${version}${path}`, ATTENDED);
    const listed = async (version = 'v1.4.2') => {
      const body = (await get('/accounts', version)).json();
      return body.accounts.map((account: { accountId: { iban: string }; _links: object }) => [
        account.accountId.iban,
        Object.keys(account._links),
      ]);
    };
    const idOf = async (iban: string) => {
      // Before any PUT, every account Marc ticked is listed with its id.
      const body = (await get('/accounts')).json();
      return body.accounts.find((account: { accountId: { iban: string } }) => account.accountId.iban === iban)
        .resourceId as string;
    };

    before(async () => {
      bank = await injectApp(engine);
      await bank.onboard(bank.pki.acme);
    });
    // Each test starts from a new authorization: a new consent, nothing forwarded yet.
    beforeEach(async () => {
      tokens = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp', accounts: [MARC_5158, MARC_5255] });
    });
    after(() => bank.close());

    test('before any PUT: balances and transactions of the accounts ticked; no beneficiaries, no identity', async () => {
      assert.deepEqual(await listed(), [
        [MARC_5158, ['balances', 'transactions']],
        [MARC_5255, ['balances', 'transactions']],
      ]);
      assert.equal(code(await get('/trusted-beneficiaries')), '403 NGAC');
      assert.equal(code(await get('/end-user-identity')), '403 NGAC');
      assert.equal((await get('/accounts', 'v1')).json().connectedPsu, undefined);
    });

    test('narrowing: 201 without a body, then only the forwarded reads; an untouched account → 403 NGAC', async () => {
      const ids = { 5158: await idOf(MARC_5158), 5255: await idOf(MARC_5255) };
      const answer = await put(access([MARC_5158], []));
      assert.equal(answer.statusCode, 201, answer.body);
      assert.equal(answer.body, '');
      assert.deepEqual(await listed(), [[MARC_5158, ['balances']]]);
      assert.equal(code(await get(`/accounts/${ids[5158]}/balances`)), '200');
      assert.equal(code(await get(`/accounts/${ids[5158]}/transactions`)), '403 NGAC');
      assert.equal(code(await get(`/accounts/${ids[5255]}/balances`)), '403 NGAC');
      assert.equal(code(await get(`/accounts/${ids[5255]}/transactions`)), '403 NGAC');
      // A new PUT replaces the previous one, on either version.
      assert.equal(code(await put(access([MARC_5255], [MARC_5158, MARC_5255]), 'v1')), '201');
      assert.deepEqual(await listed('v1'), [
        [MARC_5158, ['transactions']],
        [MARC_5255, ['balances', 'transactions']],
      ]);
    });

    test('never widening: an account Marc did not make available → 403 NGAC naming it, and nothing changes', async () => {
      assert.equal(code(await put(access([MARC_5158], [MARC_5158]))), '201');
      const wider = await put(access([MARC_5158, MARC_5352], [MARC_5158]));
      assert.equal(code(wider), '403 NGAC');
      assert.match(
        wider.json().message,
        /FR7613807008043001965405352 is not an account the customer made available/,
      );
      const unknown = await put(access([], ['FR7630001007941234567890185']));
      assert.equal(code(unknown), '403 NGAC', "another bank's account: the same answer");
      assert.deepEqual(await listed(), [[MARC_5158, ['balances', 'transactions']]]);
    });

    test('trusted beneficiaries and identity once forwarded; every body valid against the served schemas', async () => {
      assert.equal(
        code(await put(access([MARC_5158], [MARC_5158], { trustedBeneficiaries: true, psuIdentity: true }))),
        '201',
      );
      const documents = {
        v1: (await bank.app.public.inject({ url: '/stet/psd2/v1/openapi.json' })).json(),
        'v1.4.2': (await bank.app.public.inject({ url: '/stet/psd2/v1.4.2/openapi.json' })).json(),
      };
      for (const version of ['v1', 'v1.4.2'] as const) {
        const beneficiaries = await get('/trusted-beneficiaries', version);
        assert.equal(beneficiaries.statusCode, 200, beneficiaries.body);
        const body = beneficiaries.json();
        assert.ok(body.beneficiaries.length >= 3, 'Marc trusts at least three beneficiaries');
        assert.ok(body.beneficiaries.every((b: { isTrusted: boolean }) => b.isTrusted));
        assert.equal(
          servedSchemaErrors(documents[version], 'GET', '/trusted-beneficiaries', 200, body),
          undefined,
        );
        if (version === 'v1') assert.equal(swaggerErrors('HalBeneficiaries', body), undefined);
        const accounts = (await get('/accounts', version)).json();
        assert.ok(accounts._links.beneficiaries, 'GET /accounts links the beneficiaries');
        if (version === 'v1') assert.equal(accounts.connectedPsu, 'Dubois Marc');
        else
          assert.deepEqual(accounts._links.endUserIdentity, { href: '/stet/psd2/v1.4.2/end-user-identity' });
      }
      const identity = await get('/end-user-identity');
      assert.equal(identity.statusCode, 200, identity.body);
      assert.deepEqual(
        [
          identity.json().connectedPsu,
          identity.json().connectedPsuFirstName,
          identity.json().connectedPsuLastName,
        ],
        ['Dubois Marc', 'Marc', 'Dubois'],
      );
      assert.equal(
        servedSchemaErrors(documents['v1.4.2'], 'GET', '/end-user-identity', 200, identity.json()),
        undefined,
      );
      assert.equal(code(await get('/end-user-identity', 'v1')), '404 NOT_FOUND', 'a 1.4.2 resource only');
    });

    test('a body that is not STET Access → 400 FF01 naming the field; a malformed IBAN → 400 AC01', async () => {
      const cases: Array<[unknown, string, RegExp]> = [
        [{ balances: [], transactions: [], trustedBeneficiaries: false }, '400 FF01', /psuIdentity/],
        [{ ...access([], []), balances: 'all' }, '400 FF01', /balances/],
        [access(['FR7613807008043001965405159'], []), '400 AC01', /balances\[0\]\.iban is not a valid IBAN/],
        [
          {
            ...access([], []),
            transactions: [{ other: { identification: '1234 56XX XXXX 7890', schemeName: 'CPAN' } }],
          },
          '400 AC01',
          /IBAN only/,
        ],
      ];
      for (const [body, expected, message] of cases) {
        const response = await put(body);
        assert.equal(code(response), expected, JSON.stringify(body));
        assert.match(response.json().message, message);
      }
      // STET's own example sends "" for an empty list: read as no accounts.
      const example = { balances: '', transactions: '', trustedBeneficiaries: true, psuIdentity: false };
      assert.equal(code(await put(example)), '201');
      assert.deepEqual(await listed(), []);
    });
  });
}
