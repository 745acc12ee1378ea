import Type, { type TSchemaOptions, type TUnsafe } from 'typebox';

/**
 * The two extension keywords the schemas carry so that a refusal names the field and says what to send
 * (`check-body.ts` builds the sentence, the OpenAPI documents publish them as they are):
 * - `x-expected`: what a valid value is, as a noun phrase ("an ISO 4217 code such as EUR"); a failed
 *   pattern, enum or format reads `<path> must be <x-expected>`, an absent, ill-typed or empty value reads
 *   `<path> is missing: <x-expected>`;
 * - `x-messages`: the sentence after the path for one failure, where the bank words it its own way:
 *   `missing` (absent, ill-typed or empty) or a JSON Schema keyword (`maxLength`, `pattern`, …).
 */
export interface MessageKeywords {
  readonly 'x-expected'?: string;
  readonly 'x-messages'?: Readonly<Record<string, string>>;
}

/** A string enumeration typed as the union of its values, written `{ type: 'string', enum }` as STET does. */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  options: TSchemaOptions = {},
): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values], ...options });
}

/** `x-expected` alone, or with `x-messages`. */
export function expects(expected: string, messages?: Readonly<Record<string, string>>): MessageKeywords {
  return messages ? { 'x-expected': expected, 'x-messages': messages } : { 'x-expected': expected };
}

/** A bounded text: `<path> is missing: a string of at most N characters`, `<path> is longer than N characters`. */
export function Text(maxLength: number, options: TSchemaOptions = {}) {
  return Type.String({ maxLength, ...expects(`a string of at most ${maxLength} characters`), ...options });
}

/** An ISO 4217 currency code (STET AmountType `currency`, `^[A-Z]{3,3}$`). */
export function CurrencyCode(options: TSchemaOptions = {}) {
  return Type.String({
    pattern: '^[A-Z]{3,3}$',
    ...expects('an ISO 4217 code such as EUR', { missing: 'must be an ISO 4217 code such as EUR' }),
    ...options,
  });
}

/** An ISO 8601 date-time (STET `format: date-time`). */
export function DateTime(options: TSchemaOptions = {}) {
  return Type.String({
    format: 'date-time',
    ...expects('a date-time such as 2024-01-31T12:00:00Z'),
    ...options,
  });
}

/** An ISO 8601 calendar date (STET `format: date`). */
export function IsoDate(options: TSchemaOptions = {}) {
  return Type.String({ format: 'date', ...expects('a date such as 2024-01-31'), ...options });
}
