import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isErrorModel, verifyMessageSignature } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { FUNDS_BODY, fundsCheck, obtainTokens, type Tokens } from './helpers/journey.ts';
import { ENGINES } from './helpers/stores.ts';

const MARC_5158 = 'FR7613807008043001965405158';
const MARC_5255 = 'FR7613807008043001965405255';

/** A funds-confirmation body; `null` leaves a field out. */
function body(
  iban: string,
  amount: string | number | null,
  currency: string | null = 'EUR',
  id: string | null = 'MyCoverage123456',
) {
  return {
    ...(id !== null ? { paymentCoverageRequestId: id } : {}),
    instructedAmount: { ...(currency !== null ? { currency } : {}), ...(amount !== null ? { amount } : {}) },
    accountId: { iban },
  };
}

function outcome(response: LightMyRequestResponse): string {
  if (response.statusCode === 200) return `200 result=${response.json().result}`;
  const error = response.json();
  assert.ok(isErrorModel(error), response.body);
  assert.ok(response.headers['x-request-id']);
  return `${response.statusCode} ${error.error}`;
}

for (const engine of ENGINES) {
  describe(`POST /funds-confirmations: the seed's acceptance cases and error codes (${engine})`, () => {
    let bank: InjectApp;
    let piisp: Tokens;
    let cbpii: Tokens;
    before(async () => {
      bank = await injectApp(engine, { env: { OPENSTET_CORE_BANKING_TIMEOUT_MS: '100' } });
      await bank.onboard(bank.pki.acme);
      piisp = await obtainTokens(bank, bank.pki.acme, { scope: 'piisp' });
      // Another PSU's consent would revoke nothing: each (PSU, TPP, role) has its own pair.
      cbpii = piisp;
    });
    after(() => bank.close());

    const check = (requestBody: unknown, version: 'v1' | 'v1.4.2' = 'v1.4.2', tokens = cbpii) =>
      fundsCheck(bank, bank.pki.acme, tokens.access_token, { version, body: requestBody });

    for (const version of ['v1', 'v1.4.2'] as const) {
      test(`the seed's "Tests d'acceptance" on ${version}`, async () => {
        assert.equal(
          outcome(await check(body(MARC_5255, '458.99'), version)),
          '200 result=true',
          'standard case: below 459 EUR is covered',
        );
        assert.equal(
          outcome(await check(body(MARC_5158, '4179.01'), version)),
          '200 result=false',
          'boundary: above 4 179 EUR is not covered',
        );
        assert.equal(outcome(await check(body(MARC_5158, '4179.00'), version)), '200 result=true');
        const get = await bank.app.mtls.inject({
          method: 'GET',
          url: `/stet/psd2/${version}/funds-confirmations`,
          headers: {
            'x-request-id': 'g',
            'x-ssl-client-cert': encodeURIComponent(bank.pki.acme.qwac.certificatePem),
          },
        });
        assert.equal(outcome(get), '405 NIMP');
        assert.equal(
          outcome(await check(body('FRXXXX807008043001965405158', '4179'), version)),
          '400 AC01',
          'IBAN absent or wrong',
        );
        assert.equal(
          outcome(
            await check(
              { paymentCoverageRequestId: 'MyCoverage123456', accountId: { iban: MARC_5158 } },
              version,
            ),
          ),
          '400 FF01',
          'no amount/currency structure',
        );
        assert.equal(outcome(await check(body(MARC_5158, null), version)), '400 FF01', 'no amount');
        assert.equal(outcome(await check(body(MARC_5158, '4180', null), version)), '400 FF01', 'no currency');
        assert.equal(
          outcome(await check(body(MARC_5158, '4180', 'EUR', null), version)),
          '400 FF01',
          'no request id',
        );
      });
    }

    test('FF01 messages name the field to fix', async () => {
      const message = async (requestBody: unknown, version: 'v1' | 'v1.4.2' = 'v1.4.2') =>
        (await check(requestBody, version)).json().message;
      assert.equal(
        await message(body(MARC_5158, null)),
        'instructedAmount.amount must be a number or a string such as "123.45"',
      );
      assert.equal(
        await message(body(MARC_5158, 10, 'EUR'), 'v1'),
        'instructedAmount.amount must be a string such as "123.45"',
      );
      assert.equal(
        await message(body(MARC_5158, '12.345')),
        'instructedAmount.amount has 3 decimals, EUR has 2',
      );
      assert.equal(await message(body(MARC_5158, '-5')), 'instructedAmount.amount must be positive');
      assert.equal(
        await message(body(MARC_5158, '5', 'eur')),
        'instructedAmount.currency must be an ISO 4217 code such as EUR',
      );
      assert.equal(
        await message(body(MARC_5158, '5', 'EUR', 'x'.repeat(36))),
        'paymentCoverageRequestId is longer than 35 characters',
      );
      assert.equal(
        await message('{"paymentCoverageRequestId":'),
        'Request body is not valid JSON (RFC 8259)',
      );
    });

    test('v1 answers the amount as a string, v1.4.2 as a number; hal+json, signed by the bank', async () => {
      const v1 = await check(body(MARC_5255, '123.45'), 'v1');
      assert.equal(v1.headers['content-type'], 'application/hal+json; charset=utf-8');
      assert.deepEqual(v1.json(), {
        request: body(MARC_5255, '123.45'),
        result: true,
        _links: { self: { href: 'https://api.bank.example/stet/psd2/v1/funds-confirmations' } },
      });
      const v142 = await check(body(MARC_5255, 123.45));
      assert.equal(v142.json().request.instructedAmount.amount, 123.45);
      assert.match(v142.body, /"amount":123\.45/);
      await verifyMessageSignature(
        { headers: v142.headers as Record<string, string> },
        String(v142.headers.signature),
        {
          requiredHeaders: ['date', 'digest', 'x-request-id'],
          resolveKey: () => createPublicKey(bank.pki.bankSeal.certificatePem),
          body: Buffer.from(v142.body),
        },
      );
    });

    test('the answer echoes only the STET fields; a body nested thousands deep is FF01, never sealed (review finding 6)', async () => {
      const extra = { ...body(MARC_5255, '10'), payee: 'Shop', note: 'x'.repeat(1000), _links: { a: 1 } };
      const echoed = await check(extra);
      assert.equal(echoed.statusCode, 200, echoed.body);
      assert.deepEqual(echoed.json().request, {
        paymentCoverageRequestId: 'MyCoverage123456',
        payee: 'Shop',
        instructedAmount: { currency: 'EUR', amount: 10 },
        accountId: { iban: MARC_5255 },
      });
      const deep = `{"paymentCoverageRequestId":"MyCoverage123456","instructedAmount":{"currency":"EUR","amount":"1"},"accountId":{"iban":"${MARC_5255}"},"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const refused = await check(deep);
      assert.equal(outcome(refused), '400 FF01');
      assert.equal(refused.json().message, 'The body is nested deeper than 32 levels: no STET resource is');
      assert.equal(refused.headers.signature, undefined, 'the bank seals no refusal');
    });

    test('NGAC, AC04, AC06, IPSU, AM03, INTS and access by IBAN only, each with its own rule', async () => {
      assert.equal(
        outcome(await check(body('FR7613807008043001965405352', '1'))),
        '403 NGAC',
        'Marc did not consent his third account',
      );
      assert.equal(
        outcome(await check(body('FR7613807008043001965406128', '1'))),
        '403 NGAC',
        "another PSU's account",
      );
      assert.equal(
        outcome(await check(body('FR7613807008043001965499999', '1'))),
        '400 AC01',
        'unknown IBAN',
      );
      const other = await check({
        ...FUNDS_BODY,
        accountId: { other: { identification: '4970', schemeName: 'CPAN' } },
      });
      assert.deepEqual(
        [outcome(other), other.json().message],
        ['400 AC01', 'This bank identifies accounts by IBAN only: send accountId.iban, not accountId.other'],
      );
      const currency = await check(body(MARC_5158, '10', 'USD'));
      assert.deepEqual(
        [outcome(currency), currency.json().message],
        ['400 AM03', 'instructedAmount.currency must be the account currency EUR: no conversion (10.00 USD)'],
      );
      const adam = await obtainTokens(bank, bank.pki.acme, {
        psu: 'D0999994I0',
        accounts: ['FR7613807008063031966574122'],
      });
      assert.equal(
        outcome(await check(body('FR7613807008063031966574122', '1'), 'v1.4.2', adam)),
        '400 AC04',
      );
      const thomas = await obtainTokens(bank, bank.pki.acme, {
        psu: 'D0999980',
        accounts: ['FR7613807008043001965407292'],
      });
      assert.equal(
        outcome(await check(body('FR7613807008043001965407292', '1'), 'v1.4.2', thomas)),
        '403 AC06',
      );
      const hugo = await obtainTokens(bank, bank.pki.acme, {
        psu: 'D0999995I0',
        accounts: ['FR7613807008043001965410105'],
      });
      assert.equal(
        outcome(await check(body('FR7613807008043001965410105', '1'), 'v1.4.2', hugo)),
        '403 IPSU',
      );
      const iris = await obtainTokens(bank, bank.pki.acme, {
        psu: 'D0999996I0',
        accounts: ['FR7613807008043001965411172'],
      });
      const outage = await check(body('FR7613807008043001965411172', '1'), 'v1.4.2', iris);
      assert.deepEqual([outcome(outage), outage.headers['retry-after']], ['503 INTS', '5']);
      const lea = await obtainTokens(bank, bank.pki.acme, {
        psu: '755238649',
        accounts: ['FR7617515000920400430518020'],
      });
      assert.equal(
        outcome(await check(body('FR7617515000920400430518020', '350.00'), 'v1.4.2', lea)),
        '200 result=true',
        'overdraft 500 covers -150 + 350',
      );
      assert.equal(
        outcome(await check(body('FR7617515000920400430518020', '350.01'), 'v1.4.2', lea)),
        '200 result=false',
      );
    });

    test('access token: BADS for an aisp token, 401 in the query, with another QWAC, or missing; Bearer in any case', async () => {
      const aisp = await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' });
      const bads = await check(FUNDS_BODY, 'v1.4.2', aisp);
      assert.deepEqual(
        [outcome(bads), bads.json().message],
        ['403 BADS', 'This endpoint needs a cbpii or piisp token; this one has aisp'],
      );
      const inQuery = await fundsCheck(bank, bank.pki.acme, undefined, {
        query: `?access_token=${cbpii.access_token}`,
      });
      assert.deepEqual(
        [outcome(inQuery), inQuery.json().message],
        ['401 TOKEN_INVALID', 'Send the access token in the Authorization header, never in the URL'],
      );
      const otherCertificate = await fundsCheck(bank, bank.pki.acme, cbpii.access_token, {
        qwacPem: bank.pki.acmeRenewedQwac.certificatePem,
      });
      assert.equal(outcome(otherCertificate), '401 TOKEN_INVALID');
      assert.match(otherCertificate.json().message, /bound to another certificate \(RFC 8705 §3\)/);
      assert.equal(String(otherCertificate.headers['www-authenticate']), 'Bearer error="invalid_token"');
      assert.equal(outcome(await fundsCheck(bank, bank.pki.acme, undefined)), '401 TOKEN_INVALID');
      assert.equal(
        outcome(
          await fundsCheck(bank, bank.pki.acme, undefined, { authorization: `bEaReR ${cbpii.access_token}` }),
        ),
        '200 result=true',
      );
    });
  });
}
