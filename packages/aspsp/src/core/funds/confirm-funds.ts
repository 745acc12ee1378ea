import type { Money } from '@openstet/protocol';
import { type CoreBanking, CoreBankingUnavailable } from '../ports/core-banking.ts';
import { coversAmount } from './covers-amount.ts';

/** Whose funds may be checked: the PSU and the accounts of the consent behind the TPP's token. */
export interface FundsGrant {
  /** The establishment that issued the token: the account is looked up among its customers' only. */
  readonly establishment: string;
  /** Absent for a token that acts for the TPP alone (client credentials): no customer consented. */
  readonly psuId: string | undefined;
  readonly accounts: readonly string[];
}

/** The question, as any API standard asks it: an account (IBAN, electronic format) and an amount. */
export interface FundsQuestion {
  readonly iban: string;
  readonly amount: Money;
}

/** Why the bank gives no answer, in the order it checks; each API standard names these in its own codes. */
export type FundsRefusal =
  | { readonly reason: 'no-customer' | 'subscription-ended' | 'unknown-account' | 'not-consented' }
  | { readonly reason: 'closed' | 'blocked' | 'bank-unavailable' }
  | { readonly reason: 'currency'; readonly accountCurrency: string };

export type FundsOutcome = { readonly covered: boolean } | { readonly refusal: FundsRefusal };

const refuse = (refusal: FundsRefusal): FundsOutcome => ({ refusal });

/**
 * Can this account cover this amount now? The seed's rules, in the order the bank checks them: the PSU's
 * online-banking subscription, the account exists, the PSU consented it to this TPP, it is neither closed
 * nor blocked, the amount is in its currency (no conversion), then the instant balance plus the authorised
 * overdraft (`coversAmount`). The facts come from ONE call to the core banking system (`fundsCheck`: one
 * round trip per card payment); the rules are applied here, in order, to what it read. Nothing is reserved
 * or recorded on the account (seed: "la banque n'effectue aucun blocage de fonds ... et n'enregistre pas
 * cette transaction").
 */
export async function confirmFunds(
  coreBanking: CoreBanking,
  grant: FundsGrant,
  question: FundsQuestion,
): Promise<FundsOutcome> {
  try {
    if (grant.psuId === undefined) return refuse({ reason: 'no-customer' });
    const { subscription, account } = await coreBanking.fundsCheck(
      grant.establishment,
      grant.psuId,
      question.iban,
    );
    if (subscription === 'terminated') return refuse({ reason: 'subscription-ended' });
    if (!account) return refuse({ reason: 'unknown-account' });
    if (!grant.accounts.includes(account.iban)) return refuse({ reason: 'not-consented' });
    if (account.status === 'closed') return refuse({ reason: 'closed' });
    if (account.status === 'blocked') return refuse({ reason: 'blocked' });
    if (question.amount.currency !== account.currency)
      return refuse({ reason: 'currency', accountCurrency: account.currency });
    return { covered: coversAmount(account.position, question.amount) };
  } catch (error) {
    if (error instanceof CoreBankingUnavailable) return refuse({ reason: 'bank-unavailable' });
    throw error;
  }
}
