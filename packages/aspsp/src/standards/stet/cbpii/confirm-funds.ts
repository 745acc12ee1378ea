import { formatAmount } from '@openstet/protocol';
import { coversAmount } from '../../../core/funds/covers-amount.ts';
import { type CoreBanking, CoreBankingUnavailable } from '../../../core/ports/core-banking.ts';
import type { TokenPair } from '../../../core/tokens/token-pair.ts';
import { Errors } from '../../../http/api-error.ts';
import type { FundsRequest } from './funds-request.ts';

export interface ConfirmFundsDeps {
  readonly coreBanking: CoreBanking;
}

/**
 * Can this account cover this amount now? The seed's rules, in the order the bank checks them: the PSU's
 * online-banking subscription (IPSU), the account exists (AC01), the PSU consented it to this TPP (NGAC),
 * it is not closed (AC04) or blocked (AC06), the amount is in its currency (AM03), then one read of the
 * instant balance ("solde minute") plus the authorised overdraft. Nothing is reserved or recorded on the
 * account (seed: "la banque n'effectue aucun blocage de fonds ... et n'enregistre pas cette transaction").
 */
export async function confirmFunds(
  deps: ConfirmFundsDeps,
  token: TokenPair,
  request: FundsRequest,
): Promise<boolean> {
  try {
    const psuId = token.psuId;
    if (!psuId || !token.consentId) throw Errors.accountNotGranted('This token carries no customer consent');
    if ((await deps.coreBanking.subscription(psuId)) === 'terminated') {
      throw Errors.invalidPsu("The customer's online-banking subscription is terminated");
    }
    const account = await deps.coreBanking.account(request.iban);
    if (!account) throw Errors.incorrectAccount('accountId.iban is unknown at this bank');
    if (!token.accounts.includes(account.iban))
      throw Errors.accountNotGranted('The customer did not consent this account to you');
    if (account.status === 'closed') throw Errors.closedAccount('The account is closed');
    if (account.status === 'blocked') throw Errors.blockedAccount('The account is blocked');
    if (request.amount.currency !== account.currency) {
      throw Errors.currencyNotAllowed(
        `instructedAmount.currency must be the account currency ${account.currency}: no conversion (${formatAmount(request.amount)} ${request.amount.currency})`,
      );
    }
    return coversAmount(await deps.coreBanking.position(account.iban), request.amount);
  } catch (error) {
    if (error instanceof CoreBankingUnavailable) throw Errors.coreBankingUnavailable();
    throw error;
  }
}
