import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import type { Locale } from './locale.ts';
import { type Messages, messages } from './messages.ts';

/** Templates are escaped by default (`<%= %>`); nothing from a request is ever written raw. */
const eta = new Eta({
  views: fileURLToPath(new URL('./views', import.meta.url)),
  autoEscape: true,
  cache: true,
});

export type PageName = 'login' | 'otp' | 'consent' | 'payment' | 'error';

export interface PageOptions {
  readonly locale: Locale;
  readonly status?: number;
  /**
   * Where forms may lead: the TPP's redirect URI origin (CSP form-action also governs the redirect); a
   * payment approval's success and failure URLs, which may have two origins.
   */
  readonly formTarget?: string | readonly string[];
  readonly data?: Readonly<Record<string, unknown>>;
}

function contentSecurityPolicy(formTarget: string | readonly string[] | undefined): string {
  const origins = new Set([formTarget ?? []].flat().map((url) => new URL(url).origin));
  const formAction = ["'self'", ...origins].join(' ');
  return [
    "default-src 'none'",
    "style-src 'self'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Renders a PSU page with the headers every page carries: a strict CSP without scripts, no framing
 * (clickjacking), no caching (RFC 9111 `no-store`), no referrer sent onwards.
 */
export function sendPage(reply: FastifyReply, page: PageName, options: PageOptions): FastifyReply {
  const text: Messages = messages(options.locale);
  const html = eta.render(`./${page}`, { text, lang: options.locale, ...options.data });
  return reply
    .code(options.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .header('content-language', options.locale)
    .header('content-security-policy', contentSecurityPolicy(options.formTarget))
    .send(html);
}
