import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { CurrencyCode, expects } from './schema-kit.ts';

/**
 * STET AmountType `amount` pattern. The Swagger writes `^\-{0,1}…`: `\-` outside a character class is an
 * identity escape that ECMAScript's Unicode mode (which JSON Schema 2020-12 validators use) refuses, so the
 * same language is written with a plain `-`.
 */
export const AMOUNT_PATTERN = '^-{0,1}[0-9]{1,13}(\\.[0-9]{0,5}){0,1}$';

const DECIMAL_TEXT = expects(
  'a decimal number with at most 13 digits before the point and 5 after, e.g. "123.45"',
);
const AMOUNT_DESCRIPTION =
  'Amount of money to be moved between the debtor and creditor, before deduction of charges (ISO 20022)';
const options = {
  title: 'AmountType',
  description: 'An amount and its currency (ISO 20022 instructed or equivalent amount)',
  ...expects('{ "currency": "EUR", "amount": "123.45" }'),
};

/**
 * STET `AmountType`. 1.4.0.47 types `amount` as a string; 1.4.2 as a number (`format: float`) with the same
 * pattern. openstet reads both forms on 1.4.2 (bank clients often send strings) and answers a number there,
 * or a string when a number could not carry every digit; amounts are never binary floats inside the bank.
 */
export const AmountType = {
  v1: Type.Object(
    {
      currency: CurrencyCode({ description: 'ISO 4217 code of the currency of the amount' }),
      amount: Type.String({
        description: AMOUNT_DESCRIPTION,
        pattern: AMOUNT_PATTERN,
        ...DECIMAL_TEXT,
        'x-messages': { missing: 'must be a string such as "123.45"' },
      }),
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      currency: CurrencyCode({ description: 'ISO 4217 code of the currency of the amount' }),
      amount: Type.Union(
        [Type.Number({ format: 'float' }), Type.String({ pattern: AMOUNT_PATTERN, ...DECIMAL_TEXT })],
        {
          description: `${AMOUNT_DESCRIPTION}. A number in STET 1.4.2; openstet also reads and may answer the decimal text.`,
          'x-messages': { missing: 'must be a number or a string such as "123.45"' },
        },
      ),
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type AmountType<V extends StetVersion = StetVersion> = Static<(typeof AmountType)[V]>;
