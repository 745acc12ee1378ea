import type { ConsentRole, Scope } from './scopes.ts';

/** What a PSU agreed to at the bank: which TPP may do what on which accounts (STET Part I §3.4). */
export interface Consent {
  readonly id: string;
  readonly psuId: string;
  /** The establishment (`cdetab`) of the PSU, where the consent was given and where it counts. */
  readonly establishment: string;
  readonly clientId: string;
  readonly role: ConsentRole;
  readonly scopes: readonly Scope[];
  /** IBANs the PSU chose on the consent screen. */
  readonly accounts: readonly string[];
  /** Last strong customer authentication: the refresh token lives 180 days from it (RTS Art. 10a). */
  readonly scaAt: Date;
  /** What an AISP forwarded of the PSU's choices (STET `PUT /consents`), within `accounts`; none yet if absent. */
  readonly access?: InformationAccess | undefined;
}

/**
 * The reads an AISP may make (STET `Access`, the mixed detailed consent model): balances and transactions
 * per account (IBANs), the trusted beneficiaries, the PSU's identity.
 */
export interface InformationAccess {
  readonly balances: readonly string[];
  readonly transactions: readonly string[];
  readonly trustedBeneficiaries: boolean;
  readonly psuIdentity: boolean;
}

export interface ConsentStore {
  save(consent: Consent): Promise<void>;
  find(id: string): Promise<Consent | undefined>;
  /** Replaces the access an AISP forwarded for the consent `id` ("replaces any prior consent", STET). */
  forwardAccess(id: string, access: InformationAccess): Promise<void>;
}
