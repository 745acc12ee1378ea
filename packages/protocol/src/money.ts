import { isCurrencyCode, minorUnitDigits } from './currency.ts';

/** An amount in integer minor units (cents for EUR): money is never a JS float. */
export interface Money {
  readonly currency: string;
  readonly minorUnits: bigint;
}

export type AmountFailure =
  | 'amount-malformed'
  | 'currency-malformed'
  | 'too-many-decimals'
  | 'currency-mismatch';

/** A refused amount; `message` is a sentence a developer can act on and never echoes the input. */
export class AmountError extends Error {
  override readonly name = 'AmountError';
  constructor(
    readonly reason: AmountFailure,
    message: string,
  ) {
    super(message);
  }
}

/** STET AmountType `amount` (1.4.0.47 §6.1): `^\-{0,1}[0-9]{1,13}(\.[0-9]{0,5}){0,1}$`, with captures. */
const AMOUNT_PATTERN = /^(-?)([0-9]{1,13})(?:\.([0-9]{0,5}))?$/;

/**
 * Reads a STET amount such as `"123.45"` in `currency`. Trailing zeros beyond the currency's minor unit are
 * accepted ("10.500" EUR is exactly 10.50); a significant digit beyond it is refused, never rounded.
 */
export function parseAmount(text: string, currency: string): Money {
  if (!isCurrencyCode(currency))
    throw new AmountError(
      'currency-malformed',
      'currency must be an ISO 4217 code of 3 capital letters, e.g. "EUR"',
    );
  const match = AMOUNT_PATTERN.exec(text);
  if (!match)
    throw new AmountError(
      'amount-malformed',
      'amount must be a decimal number with at most 13 digits before the point and 5 after, e.g. "123.45"',
    );
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = minorUnitDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits)
    throw new AmountError(
      'too-many-decimals',
      `amount has ${significant.length} decimals, ${currency} has ${digits}`,
    );
  const minorUnits = BigInt(`${whole}${significant.padEnd(digits, '0')}`);
  return Object.freeze({ currency, minorUnits: sign === '-' ? -minorUnits : minorUnits });
}

/** The STET text of an amount with exactly the currency's decimals: `123.45`, `-0.50`, `0.00`, JPY `1200`. */
export function formatAmount(money: Money): string {
  const digits = minorUnitDigits(money.currency);
  const negative = money.minorUnits < 0n;
  const magnitude = (negative ? -money.minorUnits : money.minorUnits).toString().padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const text = digits === 0 ? whole : `${whole}.${magnitude.slice(magnitude.length - digits)}`;
  return negative ? `-${text}` : text;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency)
    throw new AmountError('currency-mismatch', `cannot combine ${a.currency} with ${b.currency} amounts`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return Object.freeze({ currency: a.currency, minorUnits: a.minorUnits + b.minorUnits });
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return Object.freeze({ currency: a.currency, minorUnits: a.minorUnits - b.minorUnits });
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`; both in the same currency. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  if (a.minorUnits === b.minorUnits) return 0;
  return a.minorUnits < b.minorUnits ? -1 : 1;
}
