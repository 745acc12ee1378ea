import { AmountError, compareMoney, type Money, parseAmount } from '@openstet/protocol';
import { Errors } from '../../http/api-error.ts';

/**
 * The STET `AmountType` at `field` (e.g. `instructedAmount`), read as money: positive, with no more
 * decimals than its currency has (never rounded), or 400 FF01 naming the field. The schema checked its form
 * already; 1.4.2's JSON numbers are read through their decimal text, never as binary floats.
 */
export function checkedAmount(amountType: Readonly<Record<string, unknown>>, field: string): Money {
  try {
    const amount = parseAmount(String(amountType.amount), amountType.currency as string);
    if (compareMoney(amount, parseAmount('0', amount.currency)) <= 0)
      throw Errors.invalidBody(`${field}.amount must be positive`);
    return amount;
  } catch (error) {
    if (error instanceof AmountError) throw Errors.invalidBody(`${field}.${error.message}`);
    throw error;
  }
}
