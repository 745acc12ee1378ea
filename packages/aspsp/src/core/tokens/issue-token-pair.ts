import { hashSecret, randomSecret } from '../../security/secrets.ts';
import type { Consent } from '../consent/consent.ts';
import type { ConsentRole, Scope } from '../consent/scopes.ts';
import { accessTokenExpiry, refreshTokenExpiry } from './token-lifetimes.ts';
import type { TokenStore } from './token-pair.ts';

/** What a grant decided: for whom, which role and scopes, bound to which QWAC. */
export interface TokenGrant {
  readonly clientId: string;
  /** The establishment the TPP called: the consent's, for a PSU's pair. */
  readonly establishment: string;
  readonly role: ConsentRole;
  readonly scopes: readonly Scope[];
  /** RFC 8705 §3 `x5t#S256` of the QWAC presented at /token. */
  readonly certificateThumbprint: string;
  /** The PSU's consent; absent for client credentials, which act for the TPP alone (no refresh token). */
  readonly consent?: Consent;
  /** The hash of the authorization code it comes from: a replay of that code revokes the pair. */
  readonly codeHash?: string;
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly scopes: readonly string[];
}

/**
 * Issues an access token (and, for a PSU, its refresh token) with the lifetimes of `token-lifetimes.ts`.
 * The seed's one-pair rule lives here: "au plus un jeton ... par triplet client(PSU)/TPP/rôle AISP ou
 * CBPII" ("Rafraîchir votre jeton"), so a PSU's new pair replaces every valid pair of the same (PSU, TPP,
 * role), atomically in the store. The rule names AISP and CBPII: a PISP's token from a payment approval
 * (STET 1.4.2 `o-confirmation`) confirms that payment only, so it has no refresh token and replaces no
 * other. Secrets are random (256 bits) and only their hashes are stored.
 * Undefined when the code it comes from was replayed meanwhile (RFC 6749 §4.1.2): nothing is stored.
 */
export async function issueTokenPair(
  deps: { readonly tokens: TokenStore; readonly now: () => Date },
  grant: TokenGrant,
): Promise<IssuedTokens | undefined> {
  const { consent } = grant;
  // A payment approval's token confirms that one payment: no refresh, and it replaces no other approval's.
  const lasting = consent !== undefined && grant.role !== 'pisp';
  const accessToken = randomSecret();
  const refreshToken = lasting ? randomSecret() : undefined;
  const issued = await deps.tokens.issue(
    {
      id: randomSecret(),
      accessHash: hashSecret(accessToken),
      refreshHash: refreshToken === undefined ? undefined : hashSecret(refreshToken),
      codeHash: grant.codeHash,
      clientId: grant.clientId,
      establishment: grant.establishment,
      role: grant.role,
      scopes: grant.scopes,
      psuId: consent?.psuId,
      consentId: consent?.id,
      accounts: consent?.accounts ?? [],
      certificateThumbprint: grant.certificateThumbprint,
      accessExpiresAt: accessTokenExpiry(deps.now()),
      // RTS Art. 10a: 180 days from the last SCA, not from this issue.
      refreshExpiresAt: lasting ? refreshTokenExpiry(consent.scaAt) : undefined,
    },
    lasting ? { psuId: consent.psuId, clientId: grant.clientId, role: grant.role } : undefined,
  );
  return issued ? { accessToken, refreshToken, scopes: grant.scopes } : undefined;
}

/**
 * A new access token for a pair (RFC 6749 §6; seed "Rafraîchir votre jeton"): the previous one stops working
 * at once, the refresh token stays, the new access token is bound to the QWAC presented now (RFC 8705 §3).
 * Undefined when the pair was revoked meanwhile.
 */
export async function renewAccessToken(
  deps: { readonly tokens: TokenStore; readonly now: () => Date },
  pairId: string,
  certificateThumbprint: string,
): Promise<string | undefined> {
  const accessToken = randomSecret();
  const renewed = await deps.tokens.renewAccess(pairId, {
    hash: hashSecret(accessToken),
    expiresAt: accessTokenExpiry(deps.now()),
    certificateThumbprint,
  });
  return renewed ? accessToken : undefined;
}
