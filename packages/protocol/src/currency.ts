/** ISO 4217 currency code: three capital letters (STET AmountType `currency`, pattern `^[A-Z]{3,3}$`). */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/**
 * Digits after the decimal point ("minor unit") of common ISO 4217 currencies: the EEA currencies a
 * PSD2 bank meets, and the usual exceptions (JPY and ISK have none, the dinars have three).
 */
const MINOR_UNIT_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
  SEK: 2,
  DKK: 2,
  NOK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BGN: 2,
  ISK: 0,
  KWD: 3,
  BHD: 3,
  TND: 3,
});

/** Two digits is by far the most common minor unit in ISO 4217, so it is the default for codes not listed. */
const DEFAULT_MINOR_UNIT_DIGITS = 2;

export function isCurrencyCode(text: string): boolean {
  return CURRENCY_PATTERN.test(text);
}

/** Number of decimals an amount in `currency` may carry (ISO 4217 minor unit). */
export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency] ?? DEFAULT_MINOR_UNIT_DIGITS;
}
