import { completeSandboxSca, type StetClient, type StoredTokens } from '@openstet/tpp';
import type { LoopbackCallback } from './loopback-callback.ts';

export interface LoginRequest {
  readonly bank: StetClient;
  readonly callback: LoopbackCallback;
  readonly scope: string;
  readonly tokenKey: string;
  /** The bank's public URL: its issuer (RFC 9207 `iss`). */
  readonly authorizationServer: string;
  readonly timeoutMs: number;
  /** Sandbox only (checked by the caller): the persona plays the SCA pages with plain form posts. */
  readonly persona?: {
    readonly onlineBankingId: string;
    /** Sent only if the sandbox asks (knowledge step). */
    readonly password?: string | undefined;
    readonly accounts?: readonly string[];
    readonly ca: string | undefined;
  };
  /** Without a persona: show the URL to the customer (and open it). */
  readonly onAuthorizationUrl?: (url: string) => void;
}

/**
 * The authorization code flow with a loopback redirect (RFC 6749 §4.1, RFC 8252 §7.3, PKCE S256): the
 * customer authenticates at the bank, the bank sends the browser back to our callback, we exchange the
 * code over mutual TLS and keep the tokens.
 */
export async function login(request: LoginRequest): Promise<StoredTokens> {
  const { bank, callback } = request;
  const { url, state } = bank.authorizationUrl({ scope: request.scope, redirectUri: callback.redirectUri });
  const answer = callback.expect({
    state,
    issuer: request.authorizationServer,
    timeoutMs: request.timeoutMs,
  });
  answer.catch(() => {}); // awaited below; a failure before that must not count as unhandled
  if (request.persona) {
    const back = await completeSandboxSca({
      authorizationUrl: url,
      onlineBankingId: request.persona.onlineBankingId,
      ...(request.persona.password !== undefined ? { password: request.persona.password } : {}),
      ...(request.persona.accounts ? { accounts: request.persona.accounts } : {}),
      ...(request.persona.ca ? { ca: request.persona.ca } : {}),
    }).catch((error: unknown) => {
      // The bank shows an error page, not a redirect, to an unknown customer, client or redirect URI.
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${reason}. Check the persona's online-banking id (and --password), and that ${callback.redirectUri} is a registered redirect URI (\`openstet tpp register --redirect-uri ${callback.redirectUri}\`, or --register)`,
      );
    });
    if (!back.href.startsWith(callback.redirectUri))
      throw new Error(`the bank redirected to ${back.origin}${back.pathname}, not ${callback.redirectUri}`);
    // Where a browser would go next: our own callback, which checks the answer as for a real customer.
    await (await fetch(back)).arrayBuffer();
  } else {
    request.onAuthorizationUrl?.(url);
  }
  const code = await answer;
  return bank.exchangeCode({ code, state, redirectUri: callback.redirectUri, tokenKey: request.tokenKey });
}
