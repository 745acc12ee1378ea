import { request } from 'node:https';

/** One page of the sandbox's SCA screens, as the drivers that play a persona on them read it. */
export interface Page {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
  readonly cookie: string | undefined;
}

/** A GET, or a form POST, with the session cookie; redirects are returned, not followed. */
export function fetchPage(
  url: string,
  ca: string | undefined,
  cookie: string,
  form?: URLSearchParams,
): Promise<Page> {
  return new Promise((resolve, reject) => {
    const body = form?.toString();
    const outgoing = request(
      url,
      {
        method: form ? 'POST' : 'GET',
        headers: { cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(ca ? { ca } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const setCookie = [response.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: setCookie,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The value of a (hidden) field of the page, e.g. `csrf`. */
export const fieldValue = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The message of the page's `role="alert"` paragraph (a wrong id, a wrong code, a lock), as text. */
export function alertOf(html: string): string | undefined {
  const escaped = /role="alert">([^<]*)</.exec(html)?.[1];
  return escaped?.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** A page that neither redirects nor moves on: the bank said why, and that is the error. */
export function stopOn(page: Page, step: string): void {
  const alert = alertOf(page.body);
  if (alert !== undefined) throw new Error(`The sandbox refused the ${step}: ${alert} (HTTP ${page.status})`);
}
