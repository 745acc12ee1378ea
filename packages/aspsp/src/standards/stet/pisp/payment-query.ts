import type { StetVersion } from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';

/** Space-separated BCP 47 language tags (OpenID Connect Core §3.1.2.1 `ui_locales`), e.g. `fr`, `en-GB fr`. */
const LOCALES = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*(?: [A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*){0,4}$/;

/**
 * The query of `POST /payment-requests`: STET 1.4.2's `ui_locales` (the PSU's languages for the bank's
 * approval pages), nothing on 1.4.0.47. Anything else is 400 FF01 naming the parameter.
 */
export function paymentQuery(query: unknown, version: StetVersion): { readonly uiLocales?: string } {
  const given = Object.entries(query as Readonly<Record<string, unknown>>);
  const allowed = version === 'v1' ? [] : ['ui_locales'];
  for (const [name] of given)
    if (!allowed.includes(name))
      throw Errors.invalidBody(
        `Unknown query parameter ${name.slice(0, 40)}: ${version === 'v1' ? 'none on STET 1.4.0.47' : 'only ui_locales'}`,
      );
  const uiLocales = given.find(([name]) => name === 'ui_locales')?.[1];
  if (uiLocales === undefined) return {};
  if (typeof uiLocales !== 'string' || !LOCALES.test(uiLocales))
    throw Errors.invalidBody('ui_locales must be language tags separated by spaces, e.g. fr or en fr');
  return { uiLocales };
}
