import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { UsageError } from '../exit-codes.ts';

/** A GET over http or https (trusting `ca`), its status and text; 10 s at most. */
export function getText(url: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const done = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    };
    const request = url.startsWith('https:') ? httpsGet(url, ca ? { ca } : {}, done) : httpGet(url, done);
    request.setTimeout(10_000, () => request.destroy(new Error(`no answer from ${url} within 10 s`)));
    request.on('error', reject);
  });
}

/**
 * `--persona` plays a customer on the bank's pages: only where the bank's RFC 8414 metadata says it is an
 * openstet sandbox (`"openstet_sandbox": true`). On a real bank customers authenticate themselves.
 */
export async function assertSandbox(authorizationServer: string, ca: string | undefined): Promise<void> {
  const url = `${authorizationServer}/.well-known/oauth-authorization-server`;
  const { status, body } = await getText(url, ca);
  let metadata: unknown;
  try {
    metadata = JSON.parse(body);
  } catch {
    metadata = undefined;
  }
  const sandbox =
    status === 200 &&
    typeof metadata === 'object' &&
    metadata !== null &&
    (metadata as { openstet_sandbox?: unknown }).openstet_sandbox === true;
  if (!sandbox)
    throw new UsageError(
      `--persona works only against an openstet sandbox, and ${url} does not say "openstet_sandbox": true (HTTP ${status}). Log in through the browser: drop --persona.`,
    );
}
