import { formatAmount, type Money } from '@openstet/protocol';
import type { Locale } from './locale.ts';

const INTL_LOCALE: Readonly<Record<Locale, string>> = { fr: 'fr-FR', en: 'en-GB' };

/** `FR7613807008043001965405158` → `FR76 1380 7008 …`: the grouping people read IBANs in (ISO 13616 paper format). */
export function displayIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** `50,00 €` / `€50.00`: exact from the minor units (the amount's decimal text, never a float). */
export function displayAmount(money: Money, locale: Locale): string {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency: money.currency });
  return format.format(formatAmount(money) as Intl.StringNumericLiteral);
}

/** A calendar day (`YYYY-MM-DD`) as the PSU reads it: `1 mars 2026` / `1 March 2026`. */
export function displayDate(day: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' });
  return format.format(new Date(`${day}T00:00:00Z`));
}
