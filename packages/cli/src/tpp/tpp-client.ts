import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStetClient, encryptedFileTokenStore, type StetClient, type TokenStore } from '@openstet/tpp';
import type { TppContext } from './tpp-options.ts';

/**
 * The key of the token file: `OPENSTET_TOKEN_SECRET`, or 256 random bits created once in
 * `<certs>/token.secret`, readable by its owner only (like the QWAC and QSealC keys beside it).
 */
export function tokenSecret(certs: string): string {
  if (process.env.OPENSTET_TOKEN_SECRET) return process.env.OPENSTET_TOKEN_SECRET;
  const file = join(certs, 'token.secret');
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** The encrypted token file, with an error that says what to do when the secret no longer opens it. */
export function tokenStore(context: TppContext): TokenStore {
  const store = encryptedFileTokenStore(context.tokenFile, tokenSecret(context.certs));
  const readable = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Error && /authenticate data|bad decrypt/.test(error.message))
        throw new Error(
          `cannot decrypt ${context.tokenFile}: OPENSTET_TOKEN_SECRET or token.secret changed since it was written; delete it and log in again`,
        );
      throw error;
    }
  };
  return {
    get: (key) => readable(() => store.get(key)),
    set: (key, tokens) => readable(() => store.set(key, tokens)),
    delete: (key) => readable(() => store.delete(key)),
  };
}

/** Tokens are kept per consent role: `piisp` and `cbpii` are one role (STET 1.4.2 renamed it). */
export function tokenKey(scope: string): string {
  const first = scope.split(' ')[0] ?? '';
  if (first === 'piisp' || first === 'cbpii') return 'cbpii';
  if (first === 'extended_transaction_history') return 'aisp';
  return first;
}

export const TOKEN_KEYS = ['cbpii', 'aisp', 'pisp'] as const;

export function openBank(context: TppContext, store: TokenStore): StetClient {
  return createStetClient({
    apiBaseUrl: context.apiBaseUrl,
    authorizationServer: context.authorizationServer,
    clientId: context.clientId,
    qwac: context.qwac,
    qseal: context.qseal,
    ...(context.ca ? { ca: context.ca } : {}),
    ...(context.bankSeal ? { bankSealCertificate: context.bankSeal } : {}),
    tokenStore: store,
  });
}
