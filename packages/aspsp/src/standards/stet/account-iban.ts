import { Errors } from '../../http/api-error.ts';
import { checkedIban } from './checked-iban.ts';

/**
 * The IBAN of the STET `AccountIdentification` at `field` (`accountId`, `debtorAccount`, …), in electronic
 * format as the body gave it. STET lets an account be named by IBAN or `other`; this bank names accounts by
 * IBAN only (seed "Limitations fonctionnelles"): anything else is AC01 "IncorrectAccountNumber".
 */
export function accountIban(account: Readonly<Record<string, unknown>>, field: string): string {
  if (typeof account.iban === 'string') return checkedIban(account.iban, `${field}.iban`);
  if (account.other !== undefined)
    throw Errors.incorrectAccount(
      `This bank identifies accounts by IBAN only: send ${field}.iban, not ${field}.other`,
    );
  throw Errors.incorrectAccount(`${field}.iban is missing`);
}
