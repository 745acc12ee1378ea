import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  AmountError,
  addMoney,
  compareMoney,
  formatAmount,
  type Money,
  minorUnitDigits,
  parseAmount,
  subtractMoney,
} from '../src/index.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AmountError);
    return { reason: error.reason, message: error.message };
  }
  return 'accepted';
};

const eur = (minorUnits: bigint): Money => ({ currency: 'EUR', minorUnits });

describe('amounts are read as STET AmountType text into integer minor units', () => {
  test('decimal text becomes exact minor units of the currency', () => {
    assert.deepEqual(parseAmount('123.45', 'EUR'), eur(12345n));
    assert.deepEqual(parseAmount('4179', 'EUR'), eur(417900n));
    assert.deepEqual(parseAmount('-20000.00', 'EUR'), eur(-2000000n));
    assert.deepEqual(parseAmount('0.5', 'EUR'), eur(50n));
    assert.deepEqual(parseAmount('12.', 'EUR'), eur(1200n));
    assert.deepEqual(parseAmount('1200', 'JPY'), { currency: 'JPY', minorUnits: 1200n });
    assert.deepEqual(parseAmount('1.234', 'KWD'), { currency: 'KWD', minorUnits: 1234n });
  });

  test('trailing zeros beyond the minor unit are exact and accepted', () => {
    assert.deepEqual(parseAmount('10.50000', 'EUR'), eur(1050n));
    assert.deepEqual(parseAmount('7.0', 'JPY'), { currency: 'JPY', minorUnits: 7n });
  });

  test('a significant digit beyond the currency minor unit is refused, never rounded', () => {
    assert.deepEqual(
      refusal(() => parseAmount('123.456', 'EUR')),
      { reason: 'too-many-decimals', message: 'amount has 3 decimals, EUR has 2' },
    );
    assert.deepEqual(
      refusal(() => parseAmount('5.5', 'JPY')),
      { reason: 'too-many-decimals', message: 'amount has 1 decimals, JPY has 0' },
    );
  });

  test('text outside the STET pattern is refused as malformed', () => {
    for (const text of ['', ' 1.00', '1,00', '+1', '1e3', '.5', '--1', '12345678901234', '1.123456', 'NaN']) {
      assert.deepEqual(
        refusal(() => parseAmount(text, 'EUR')),
        {
          reason: 'amount-malformed',
          message:
            'amount must be a decimal number with at most 13 digits before the point and 5 after, e.g. "123.45"',
        },
        text,
      );
    }
  });

  test('the currency must be three capital letters (ISO 4217)', () => {
    for (const currency of ['', 'eur', 'EURO', 'E1R']) {
      assert.deepEqual(
        refusal(() => parseAmount('1.00', currency)),
        {
          reason: 'currency-malformed',
          message: 'currency must be an ISO 4217 code of 3 capital letters, e.g. "EUR"',
        },
      );
    }
  });

  test('ISO 4217 minor units: listed exceptions, two digits for codes not listed', () => {
    assert.deepEqual(
      ['EUR', 'JPY', 'ISK', 'KWD', 'BHD', 'TND', 'XYZ'].map(minorUnitDigits),
      [2, 0, 0, 3, 3, 3, 2],
    );
  });
});

describe('amounts are written with exactly the currency decimals', () => {
  test('sign, zero padding and currencies without decimals', () => {
    assert.equal(formatAmount(eur(12345n)), '123.45');
    assert.equal(formatAmount(eur(-50n)), '-0.50');
    assert.equal(formatAmount(eur(0n)), '0.00');
    assert.equal(formatAmount(eur(-2000000n)), '-20000.00');
    assert.equal(formatAmount({ currency: 'JPY', minorUnits: 1200n }), '1200');
    assert.equal(formatAmount({ currency: 'KWD', minorUnits: -5n }), '-0.005');
  });

  test('parse(format(m)) gives m back for every amount the STET pattern can carry', () => {
    const currency = fc.constantFrom('EUR', 'JPY', 'KWD', 'SEK', 'XYZ');
    const amount = currency.chain((code) => {
      const limit = 10n ** BigInt(13 + minorUnitDigits(code)) - 1n;
      return fc
        .bigInt({ min: -limit, max: limit })
        .map((minorUnits): Money => ({ currency: code, minorUnits }));
    });
    fc.assert(
      fc.property(amount, (money) => {
        assert.deepEqual(parseAmount(formatAmount(money), money.currency), money);
      }),
    );
  });

  test('parse throws nothing but AmountError, whatever the text', () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^-?[0-9]{0,15}(\.[0-9]{0,7})?$/));
    fc.assert(
      fc.property(text, fc.string({ maxLength: 4 }), (amount, currency) => {
        try {
          parseAmount(amount, currency);
        } catch (error) {
          assert.ok(error instanceof AmountError, String(error));
        }
      }),
    );
  });
});

describe('arithmetic refuses to mix currencies', () => {
  test('add, subtract and compare in one currency', () => {
    assert.deepEqual(addMoney(eur(434895n), eur(-16995n)), eur(417900n));
    assert.deepEqual(subtractMoney(eur(434895n), eur(16995n)), eur(417900n));
    assert.equal(compareMoney(eur(1n), eur(2n)), -1);
    assert.equal(compareMoney(eur(2n), eur(2n)), 0);
    assert.equal(compareMoney(eur(3n), eur(2n)), 1);
  });

  test('mixing EUR and USD is a currency-mismatch AmountError', () => {
    const usd: Money = { currency: 'USD', minorUnits: 1n };
    for (const operation of [addMoney, subtractMoney, compareMoney]) {
      assert.deepEqual(
        refusal(() => operation(eur(1n), usd)),
        { reason: 'currency-mismatch', message: 'cannot combine EUR with USD amounts' },
      );
    }
  });
});
