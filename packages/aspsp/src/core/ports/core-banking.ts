import type { Money } from '@openstet/protocol';
import type { EntryPage, EntryPageQuery, TrustedBeneficiary } from './account-information.ts';
import type { PaymentExecution } from './payment-execution.ts';

/**
 * The connector a bank implements to plug openstet into its core banking system. openstet keeps its own
 * state (TPPs, consents, tokens) and asks the connector only for what the bank's books know: who a PSU is,
 * which current accounts they hold, and what a funds check needs. openstet bounds every call
 * (`withDeadline` for an API request, `withTimeout` for a page), so a slow system answers 503.
 *
 * Rules for an implementation:
 * - resolve `undefined` for "not found", never throw for it;
 * - throw (or reject) for "could not ask": the API answers that the bank is unavailable (503), see
 *   `CoreBankingUnavailable`;
 * - IBANs are given and returned in electronic format (`normaliseIban`: no spaces, capital letters);
 * - lookups by what a person or a TPP typed (an online-banking id, an IBAN) name the establishment asked
 *   (`cdetab`, DESIGN.md "Establishments"): each establishment has its own customers, and a customer or an
 *   account of another establishment is not found there. `psuId` is openstet's id for a customer found
 *   that way, unique across establishments.
 */

/** A customer with online-banking access ("abonné banque à distance"). */
export interface PsuProfile {
  /** openstet's stable, opaque id for the PSU: stored in consents and tokens, never shown. */
  readonly psuId: string;
  /** The id the PSU types on the SCA page ("identifiant banque à distance"), e.g. D0999990I0. */
  readonly onlineBankingId: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Customer segment as the bank names it ("Cadre", "Entreprise", ...): informative only. */
  readonly segment: string;
  /** The bank's establishment code ("code établissement", the RIB bank code), e.g. 13807. */
  readonly establishmentCode: string;
}

export type AccountStatus = 'open' | 'closed' | 'blocked';

/** A current account ("compte à vue"): the accounts funds checks cover (seed "Vérifiez la disponibilité des fonds"). */
export interface CurrentAccount {
  readonly iban: string;
  /** The bank's own account number ("numéro de compte"), e.g. 038-CPT30019654051. */
  readonly accountNumber: string;
  /** The account's name as the customer sees it, e.g. "Compte à vue" (STET AccountResource `name`, ≤70). */
  readonly name: string;
  readonly currency: string;
  /** A closed or blocked account (e.g. an opposition) gets no funds answer: the core refuses it. */
  readonly status: AccountStatus;
  /** The holder's `PsuProfile.psuId`. */
  readonly psuId: string;
}

/** One read of an account's balances, all in the account currency. */
export interface AccountPosition {
  /** Booked balance ("Solde"). */
  readonly accountingBalance: Money;
  /** "Solde minute": the accounting balance minus pending card debits, what funds checks use (seed). */
  readonly instantBalance: Money;
  /** Authorised overdraft ("découvert autorisé"), zero or positive. */
  readonly authorisedOverdraft: Money;
}

/** The PSU's online-banking subscription; a terminated one gets no answer on the API. */
export type Subscription = 'active' | 'terminated';

/** A current account with its balances, as one funds check reads it. */
export interface FundsCheckAccount extends CurrentAccount {
  readonly position: AccountPosition;
}

/** Everything a funds check needs from the bank's books, read at once (`CoreBanking.fundsCheck`). */
export interface FundsCheckFacts {
  /** The subscription of the PSU the token acts for; `terminated` for a PSU the bank does not know. */
  readonly subscription: Subscription;
  /** The establishment's current account with the IBAN asked, whoever holds it; undefined if none. */
  readonly account: FundsCheckAccount | undefined;
}

export interface CoreBanking extends PaymentExecution {
  /** The establishment's PSU whose online-banking id this is; ids are compared as typed (trimmed, any case). */
  findPsu(establishment: string, onlineBankingId: string): Promise<PsuProfile | undefined>;
  /** The PSU with this `psuId` (kept in SCA sessions, consents and tokens), or undefined if gone. */
  psuById(psuId: string): Promise<PsuProfile | undefined>;
  /** The PSU's current accounts ("comptes à vue"), whatever their status. */
  currentAccounts(psuId: string): Promise<readonly CurrentAccount[]>;
  /**
   * One funds check (`POST /funds-confirmations`), in ONE call: the online-banking subscription of `psuId`,
   * and the establishment's current account `iban` (electronic format) with its status, currency and
   * position (accounting balance, instant balance, authorised overdraft), or no account when the
   * establishment holds none with that IBAN — whoever holds it: openstet checks the consent itself.
   *
   * Why one call: a card issuer asks at every card payment, while the customer waits at the terminal, and
   * banks answer thousands of these a second. One call is one round trip to the core banking system per
   * payment, and one consistent read (status and balances of the same instant); implement it as one
   * query or one request to the core. openstet then applies the seed's rules in order (subscription,
   * account, consent, status, currency, instant balance + overdraft: `core/funds/confirm-funds.ts`); the
   * position of a closed or blocked account is not used (zeros will do). Nothing is reserved or recorded.
   */
  fundsCheck(establishment: string, psuId: string, iban: string): Promise<FundsCheckFacts>;
  /**
   * The balances of the current account `iban` (an account of `currentAccounts`), read at once: the same
   * position a funds check reads, so an AISP and a card issuer see the same instant balance. Undefined
   * when the bank holds no such account.
   */
  balances(iban: string): Promise<AccountPosition | undefined>;
  /**
   * One page of the entries of the current account `query.iban` (`account-information.ts`), newest first.
   * openstet asks for at most 51 entries a page and bounds the call like any other (a slow answer is
   * 503): implement it as one indexed read that starts at `query.after` (keyset), never as an OFFSET or a
   * scan of the history, so that a page deep in the history costs what the first one does.
   */
  entries(query: EntryPageQuery): Promise<EntryPage>;
  /** The beneficiaries the PSU trusts at the bank (RTS Art. 13), possibly none. */
  trustedBeneficiaries(psuId: string): Promise<readonly TrustedBeneficiary[]>;
}

/**
 * The connector failed or did not answer in time: the API answers 503 ("erreur interne de
 * communication avec le SI", seed). The message never carries internal detail; the original is `cause`.
 */
export class CoreBankingUnavailable extends Error {
  override readonly name = 'CoreBankingUnavailable';
}
