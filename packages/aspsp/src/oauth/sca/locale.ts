export type Locale = 'fr' | 'en';

/**
 * French by default, English when the browser prefers it (RFC 9110 §12.5.4 weights). Other languages
 * fall back to French, the bank's language.
 */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  let best: { locale: Locale; weight: number } = { locale: 'fr', weight: 0 };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    const language = tag.split('-')[0];
    if ((language === 'fr' || language === 'en') && Number.isFinite(weight) && weight > best.weight) {
      best = { locale: language, weight };
    }
  }
  return best.locale;
}
