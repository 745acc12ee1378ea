import type { ConsentRole, Scope } from '../consent/scopes.ts';

/**
 * An access token and its refresh token, revoked together (seed: "Si le jeton d'autorisation est
 * révoqué alors le jeton de rafraîchissement doit l'être aussi et réciproquement"). Only hashes are kept.
 */
export interface TokenPair {
  readonly id: string;
  readonly clientId: string;
  /** The establishment (`cdetab`) that issued the pair: no other accepts it (DESIGN.md "Establishments"). */
  readonly establishment: string;
  readonly role: ConsentRole;
  readonly scopes: readonly Scope[];
  /** Absent for client-credentials tokens, which act for the TPP alone. */
  readonly psuId: string | undefined;
  readonly consentId: string | undefined;
  /**
   * The IBANs of the consent, copied when the pair is issued (a consent never changes afterwards): the
   * API reads token and consent in one lookup on the hot path.
   */
  readonly accounts: readonly string[];
  /** The QWAC the access token is bound to: RFC 8705 §3 `x5t#S256`, lower-case hex. */
  readonly certificateThumbprint: string;
  readonly accessExpiresAt: Date;
  readonly refreshExpiresAt: Date | undefined;
  readonly revoked: boolean;
}

export interface NewTokenPair extends Omit<TokenPair, 'revoked'> {
  readonly accessHash: string;
  readonly refreshHash: string | undefined;
  /** The authorization code it was issued from: a replayed code revokes it (RFC 6749 §4.1.2). */
  readonly codeHash: string | undefined;
}

/** The triple the seed allows one valid pair for (`issue-token-pair.ts`). */
export interface TokenPairKey {
  readonly psuId: string;
  readonly clientId: string;
  readonly role: ConsentRole;
}

export interface TokenStore {
  /**
   * Stores a pair after revoking, in the same transaction, every valid pair with the key `replacing`.
   * Returns false, storing nothing, when the code it comes from was replayed meanwhile (RFC 6749 §4.1.2).
   */
  issue(pair: NewTokenPair, replacing: TokenPairKey | undefined): Promise<boolean>;
  findByAccess(accessHash: string): Promise<TokenPair | undefined>;
  findByRefresh(refreshHash: string): Promise<TokenPair | undefined>;
  /** Replaces the access token of a valid pair; the previous one stops working at once. */
  renewAccess(
    id: string,
    access: { hash: string; expiresAt: Date; certificateThumbprint: string },
  ): Promise<boolean>;
  revoke(id: string): Promise<void>;
  revokeIssuedFromCode(codeHash: string): Promise<void>;
}

/** An authorization code as stored (RFC 6749 §4.1.2): bound to client, redirect URI, PKCE and consent. */
export interface AuthorizationCode {
  readonly codeHash: string;
  /** The establishment whose customer consented: the code is exchanged there only. */
  readonly establishment: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly consentId: string;
  readonly expiresAt: Date;
}

export interface CodeStore {
  save(code: AuthorizationCode): Promise<void>;
  /**
   * Marks the establishment's code used and returns it with whether this was its first use (atomic). A code
   * of another establishment is not found, and stays usable where it was issued.
   */
  consume(
    codeHash: string,
    establishment: string,
    now: Date,
  ): Promise<{ readonly code: AuthorizationCode; readonly firstUse: boolean } | undefined>;
}
