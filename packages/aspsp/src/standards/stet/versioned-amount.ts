import { formatAmount, type Money, type StetVersion } from '@openstet/protocol';

/**
 * The amount as the version's schema types it: a string on 1.4.0.47, a number on 1.4.2. Amounts with
 * at most 15 significant digits (every EUR amount STET allows) are exact as JSON numbers; a longer one
 * stays a string rather than lose a cent.
 */
export function versionedAmount(amount: unknown, version: StetVersion): unknown {
  const text = String(amount);
  if (version === 'v1') return text;
  const number = Number(text);
  return Number.isFinite(number) && text.replace(/^-?0*|\.|0+$/g, '').length <= 15 ? number : text;
}

/** STET `AmountType` of a bank amount, in the version's form. */
export function amountType(money: Money, version: StetVersion) {
  return { currency: money.currency, amount: versionedAmount(formatAmount(money), version) };
}
