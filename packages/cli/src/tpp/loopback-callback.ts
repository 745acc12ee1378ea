import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { OAuthError } from '@openstet/tpp';

/** The port `tpp login` listens on by default: register http://127.0.0.1:8765/callback once. */
export const DEFAULT_CALLBACK_PORT = 8765;

export interface Expectation {
  readonly state: string;
  /** The bank's issuer: a differing `iss` is another bank's answer (RFC 9207 §2.4, mix-up). */
  readonly issuer: string;
  readonly timeoutMs: number;
  /** What the customer's browser comes back from: a login (the default) or a payment approval. */
  readonly after?: 'login' | 'payment';
}

/** The page the browser shows once back: its title and text when it brought a code, its title otherwise. */
const LANDING = {
  login: { done: 'Logged in', text: 'openstet has your authorization.', failed: 'Login failed' },
  payment: {
    done: 'Payment approved',
    text: 'openstet confirms it now: see the terminal.',
    failed: 'Payment not approved',
  },
} as const;

export interface LoopbackCallback {
  readonly redirectUri: string;
  /** Resolves with the authorization code the bank sends the browser back with. */
  expect(expectation: Expectation): Promise<string>;
  close(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The code is in this page's URL: never send it on as a Referer.
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'",
  });
  response.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>openstet — ${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></html>`,
  );
}

/** The answer at the redirect URI (RFC 6749 §4.1.2): the code, or why there is none. */
function readAnswer(url: URL, expected: Expectation): string | Error {
  const query = url.searchParams;
  // RFC 6749 §10.12: an answer without our state is not the answer to our request.
  if (query.get('state') !== expected.state)
    return new Error(
      'the answer at the redirect URI does not carry the state of this login: run tpp login again',
    );
  const iss = query.get('iss');
  if (iss !== null && iss.replace(/\/+$/, '') !== expected.issuer.replace(/\/+$/, ''))
    return new Error(`the answer comes from issuer ${iss}, not ${expected.issuer} (RFC 9207)`);
  const error = query.get('error');
  if (error !== null) return new OAuthError(400, error, query.get('error_description') ?? 'The bank refused');
  return query.get('code') ?? new Error('the bank sent the browser back without a code');
}

/** The loopback's own certificate and key (PEM), for a bank that wants TLS-secured call-backs. */
export interface LoopbackTls {
  readonly cert: string;
  readonly key: string;
}

/**
 * Listens on 127.0.0.1 (RFC 8252 §7.3: loopback redirect, plain http; https with `tls`, for STET's payment
 * report URLs) for the browser the bank sends back. Port 0 takes any free port (the redirect URI must then
 * be registered for that port).
 */
export async function startLoopbackCallback(port: number, tls?: LoopbackTls): Promise<LoopbackCallback> {
  let expected: Expectation | undefined;
  let settle: ((answer: string | Error) => void) | undefined;
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback')
      return page(response, 404, 'Not found', 'This is the openstet callback.');
    if (!expected || !settle)
      return page(response, 409, 'No login in progress', 'Run openstet tpp login again.');
    const answer = readAnswer(url, expected);
    const landing = LANDING[expected.after ?? 'login'];
    if (typeof answer === 'string')
      page(response, 200, landing.done, `${landing.text} You can close this tab.`);
    else page(response, 400, landing.failed, `${answer.message}. You can close this tab.`);
    settle(answer);
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} is in use on 127.0.0.1: free it or use --port (and register http://127.0.0.1:<port>/callback)`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const scheme = tls ? 'https' : 'http';
  const redirectUri = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return {
    redirectUri,
    expect(expectation) {
      expected = expectation;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no answer at ${redirectUri} within ${expectation.timeoutMs / 1000} s`)),
          expectation.timeoutMs,
        );
        settle = (answer) => {
          clearTimeout(timer);
          settle = undefined;
          if (typeof answer === 'string') resolve(answer);
          else reject(answer);
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        // An answer still awaited never comes now: its timer must not keep the process alive.
        settle?.(new Error(`the callback at ${redirectUri} closed before the bank answered`));
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
