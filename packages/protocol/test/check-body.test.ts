import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkBody, compileBodyCheck, StetSchemas, type StetVersion } from '../src/index.ts';

const MARC = 'FR7613807008043001965405158';

/** A funds-confirmation body; `null` leaves a field out (as packages/aspsp/test/funds-confirmation.test.ts). */
function body(amount: unknown, currency: string | null = 'EUR', id: string | null = 'MyCoverage123456') {
  return {
    ...(id !== null ? { paymentCoverageRequestId: id } : {}),
    instructedAmount: { ...(currency !== null ? { currency } : {}), ...(amount !== null ? { amount } : {}) },
    accountId: { iban: MARC },
  };
}

const checks = {
  v1: compileBodyCheck(StetSchemas.PaymentCoverageRequestResource.v1),
  'v1.4.2': compileBodyCheck(StetSchemas.PaymentCoverageRequestResource['v1.4.2']),
};
const message = (value: unknown, version: StetVersion = 'v1.4.2') => checks[version](value)?.message;

describe('check-body: the first problem of a funds-confirmation request, worded from the schema', () => {
  test('a valid request has no problem: a string amount on both versions, a number on 1.4.2', () => {
    assert.equal(checks.v1(body('123.45')), undefined);
    assert.equal(checks['v1.4.2'](body('123.45')), undefined);
    assert.equal(checks['v1.4.2'](body(123.45)), undefined);
    assert.equal(
      checks['v1.4.2']({ ...body('1'), payee: 'Shop', note: 'unknown fields are ignored' }),
      undefined,
    );
  });

  test('FF01 messages name the field to fix, as the bank words them', () => {
    assert.equal(
      message(body(null)),
      'instructedAmount.amount must be a number or a string such as "123.45"',
    );
    assert.equal(message(body(10), 'v1'), 'instructedAmount.amount must be a string such as "123.45"');
    assert.equal(message(body(null), 'v1'), 'instructedAmount.amount must be a string such as "123.45"');
    assert.equal(message(body('5', 'eur')), 'instructedAmount.currency must be an ISO 4217 code such as EUR');
    assert.equal(message(body('5', null)), 'instructedAmount.currency must be an ISO 4217 code such as EUR');
    assert.equal(
      message(body('5', 'EUR', 'x'.repeat(36))),
      'paymentCoverageRequestId is longer than 35 characters',
    );
    assert.equal(
      message(body('5', 'EUR', null)),
      'paymentCoverageRequestId is missing: a string of at most 35 characters',
    );
    assert.equal(
      message(body('5', 'EUR', '')),
      'paymentCoverageRequestId is missing: a string of at most 35 characters',
    );
    assert.equal(message({ ...body('5'), payee: 7 }), 'payee is missing: a string of at most 70 characters');
    assert.equal(
      message({ paymentCoverageRequestId: 'a', accountId: { iban: MARC } }),
      'instructedAmount is missing: { "currency": "EUR", "amount": "123.45" }',
    );
    assert.equal(message({ ...body('5'), accountId: 'FR76' }), 'accountId is missing: { "iban": "FR76..." }');
    assert.equal(message([1, 2]), 'Body must be a PaymentCoverageRequestResource JSON object');
    assert.equal(message(null, 'v1'), 'Body must be a PaymentCoverageRequestResource JSON object');
  });

  test('an amount outside the STET pattern is worded as parseAmount words it, on both versions', () => {
    const expected =
      'instructedAmount.amount must be a decimal number with at most 13 digits before the point and 5 after, e.g. "123.45"';
    assert.equal(message(body('12,50')), expected);
    assert.equal(message(body('1e3'), 'v1'), expected);
  });

  test('semantic rules stay with the bank: decimals of the currency, positive amount, IBAN check digits', () => {
    assert.equal(checks['v1.4.2'](body('12.345')), undefined);
    assert.equal(checks['v1.4.2'](body('-5')), undefined);
    assert.equal(
      checks['v1.4.2']({ ...body('5'), accountId: { iban: 'FR7613807008043001965405999' } }),
      undefined,
    );
    assert.equal(
      checks['v1.4.2']({
        ...body('5'),
        accountId: { other: { identification: '4970', schemeName: 'CPAN' } },
      }),
      undefined,
    );
  });

  test('the problem carries the path and the keyword, so the bank can map accountId.* to AC01', () => {
    assert.deepEqual(checks['v1.4.2']({ ...body('5'), accountId: { iban: 'FRXXXX807008043001965405158' } }), {
      path: 'accountId.iban',
      keyword: 'pattern',
      message:
        'accountId.iban must be an IBAN in electronic format such as FR7613807008043001965405158 (ISO 13616)',
    });
    assert.deepEqual(checks.v1({ ...body('5'), accountId: { other: { identification: 'x' } } }), {
      path: 'accountId.other.schemeName',
      keyword: 'required',
      message: 'accountId.other.schemeName is missing: a string of at most 70 characters',
    });
    assert.deepEqual(checks.v1(body('5', 'EUR', null)), {
      path: 'paymentCoverageRequestId',
      keyword: 'required',
      message: 'paymentCoverageRequestId is missing: a string of at most 35 characters',
    });
    assert.deepEqual(checks.v1('text'), {
      path: '',
      keyword: 'type',
      message: 'Body must be a PaymentCoverageRequestResource JSON object',
    });
  });

  test('the first problem: a missing or ill-typed parent before its children, then fields in schema order', () => {
    const everythingWrong = {
      payee: 'x'.repeat(71),
      instructedAmount: { currency: 'eur' },
      accountId: { iban: 5 },
    };
    assert.equal(checks.v1(everythingWrong)?.path, 'paymentCoverageRequestId');
    const { payee: _payee, ...rest } = { ...everythingWrong, paymentCoverageRequestId: 'a' };
    assert.equal(checks.v1({ ...everythingWrong, paymentCoverageRequestId: 'a' })?.path, 'payee');
    assert.equal(checks.v1(rest)?.path, 'instructedAmount.currency');
    assert.equal(checks.v1({ ...rest, instructedAmount: 'x' })?.path, 'instructedAmount');
    assert.equal(
      checks.v1({ ...rest, instructedAmount: { currency: 'EUR', amount: '1' } })?.path,
      'accountId.iban',
    );
  });

  test('checkBody compiles a schema once and answers the same problem every time', () => {
    const schema = StetSchemas.PaymentCoverageRequestResource.v1;
    const first = checkBody(schema, body(10));
    assert.deepEqual(checkBody(schema, body(10)), first);
    assert.equal(checkBody(schema, body('10')), undefined);
  });
});

describe('check-body: the registration body of POST /register', () => {
  const check = compileBodyCheck(StetSchemas.ClientRegistrationRequest);
  const valid = {
    redirect_uris: ['https://acme.example/cb'],
    client_name: 'Acme Cards',
    signing_certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  };
  const problem = (change: Record<string, unknown>) => check({ ...valid, ...change })?.message;

  test('the messages of the registration endpoint come from the schema', () => {
    assert.equal(check(valid), undefined);
    assert.equal(check({ ...valid, require_pkce: null, signing_certificate_url: null }), undefined);
    assert.equal(problem({ redirect_uris: [] }), 'redirect_uris must be a non-empty array of URLs');
    assert.equal(
      problem({ redirect_uris: Array(11).fill('https://a.example/cb') }),
      'redirect_uris holds at most 10 URLs',
    );
    assert.equal(
      problem({ redirect_uris: [`https://acme.example/${'a'.repeat(130)}`] }),
      'redirect_uris[0] is longer than 140 characters',
    );
    assert.equal(problem({ redirect_uris: [7] }), 'redirect_uris[0] must be a non-empty string');
    assert.equal(
      problem({ client_name: ' ' }),
      'client_name must be a non-empty string of at most 140 characters (shown to customers)',
    );
    assert.equal(
      problem({ signing_certificate: 'MIIB' }),
      'signing_certificate must be your QSealC as a PEM string',
    );
    assert.equal(
      problem({ signing_certificate: `-----BEGIN CERTIFICATE-----${'-----BEGIN A-----'.repeat(1000)}` }),
      'signing_certificate is longer than 16384 characters: send your QSealC alone',
    );
    assert.equal(
      problem({ signing_certificate_url: 'http://acme.example/qseal.pem' }),
      'signing_certificate_url must be an https URL (used as keyId, never fetched)',
    );
    assert.equal(problem({ require_pkce: 'yes' }), 'require_pkce must be true or false');
    assert.equal(
      check([1, 2])?.message,
      'Body must be a JSON object with redirect_uris, client_name and signing_certificate',
    );
  });
});
