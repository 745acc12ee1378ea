import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmountError, parseAmount } from '@openstet/protocol';
import { coversAmount } from '../src/core/funds/covers-amount.ts';
import type { AccountPosition } from '../src/core/ports/core-banking.ts';

const eur = (amount: string) => parseAmount(amount, 'EUR');
const position = (instant: string, overdraft = '0.00'): AccountPosition => ({
  accountingBalance: eur('999999.99'),
  instantBalance: eur(instant),
  authorisedOverdraft: eur(overdraft),
});

describe('funds are available when instant balance + authorised overdraft ≥ amount (RTS Art. 36(1)(c))', () => {
  test('the instant balance, not the accounting balance, decides; equality is covered', () => {
    assert.equal(coversAmount(position('4179.00'), eur('4179.00')), true);
    assert.equal(coversAmount(position('4179.00'), eur('4179.01')), false);
  });

  test('the authorised overdraft adds to a negative instant balance', () => {
    assert.equal(coversAmount(position('-150.00', '500.00'), eur('350.00')), true);
    assert.equal(coversAmount(position('-150.00', '500.00'), eur('350.01')), false);
    assert.equal(coversAmount(position('-150.00'), eur('0.01')), false);
  });

  test('a zero balance without overdraft covers nothing but zero', () => {
    assert.equal(coversAmount(position('0.00'), eur('0.01')), false);
    assert.equal(coversAmount(position('0.00'), eur('0.00')), true);
  });

  test('an amount in another currency than the account throws: the caller answers it first', () => {
    assert.throws(
      () => coversAmount(position('100.00'), parseAmount('1.00', 'USD')),
      (error) => error instanceof AmountError && error.reason === 'currency-mismatch',
    );
  });
});
