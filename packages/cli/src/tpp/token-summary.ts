import type { StoredTokens } from '@openstet/tpp';
import { tokenPrefix } from '../output.ts';

/** Shown as JSON and as text: never a whole token. */
export function tokenSummary(key: string, tokens: StoredTokens) {
  return {
    key,
    scope: tokens.scope,
    accessToken: tokenPrefix(tokens.accessToken),
    expiresAt: new Date(tokens.expiresAt).toISOString(),
    expired: tokens.expiresAt <= Date.now(),
    refreshToken: tokenPrefix(tokens.refreshToken) ?? null,
  };
}
