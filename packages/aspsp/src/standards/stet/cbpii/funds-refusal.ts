import { formatAmount, type Money } from '@openstet/protocol';
import type { FundsRefusal } from '../../../core/funds/confirm-funds.ts';
import { type ApiError, Errors } from '../../../http/api-error.ts';

/**
 * The core's funds refusals in the codes of the seed's "Codes erreurs" table of the funds-confirmation
 * service (CFONB / ISO 20022 codes where they exist): IPSU, AC01, NGAC, AC04, AC06, AM03, INTS.
 */
export function fundsRefusalError(refusal: FundsRefusal, amount: Money): ApiError {
  switch (refusal.reason) {
    case 'no-customer':
      return Errors.accountNotGranted('This token carries no customer consent');
    case 'subscription-ended':
      return Errors.invalidPsu("The customer's online-banking subscription is terminated");
    case 'unknown-account':
      return Errors.incorrectAccount('accountId.iban is unknown at this bank');
    case 'not-consented':
      return Errors.accountNotGranted('The customer did not consent this account to you');
    case 'closed':
      return Errors.closedAccount('The account is closed');
    case 'blocked':
      return Errors.blockedAccount('The account is blocked');
    case 'currency':
      return Errors.currencyNotAllowed(
        `instructedAmount.currency must be the account currency ${refusal.accountCurrency}: no conversion (${formatAmount(amount)} ${amount.currency})`,
      );
    case 'bank-unavailable':
      return Errors.coreBankingUnavailable();
  }
}
