import { addMoney, compareMoney, type Money } from '@openstet/protocol';
import type { AccountPosition } from '../ports/core-banking.ts';

/**
 * Would the account cover `amount` now? The bank answers on the "solde minute" (seed introduction: "La
 * banque répond ... en fonction du solde minute du client"), the instant balance, to which the PSU may add
 * the authorised overdraft: funds are available (RTS Art. 36(1)(c)) when instant + overdraft ≥ amount.
 *
 * Throws an `AmountError` (currency-mismatch) when `amount` is not in the account currency: the caller
 * answers that case before asking, as the bank does not convert currencies for a funds check.
 */
export function coversAmount(position: AccountPosition, amount: Money): boolean {
  const available = addMoney(position.instantBalance, position.authorisedOverdraft);
  return compareMoney(available, amount) >= 0;
}
