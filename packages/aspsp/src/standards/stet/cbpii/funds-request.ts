import {
  AmountError,
  checkBody,
  compareMoney,
  type Money,
  normaliseIban,
  parseAmount,
  StetSchemas,
  type StetVersion,
} from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';
import { checkedIban } from '../checked-iban.ts';

/** A PaymentCoverageRequestResource, checked (STET 1.4.0.47 definitions; seed "Vérifiez la disponibilité des fonds"). */
export interface FundsRequest {
  readonly paymentCoverageRequestId: string;
  readonly payee: string | undefined;
  readonly amount: Money;
  readonly iban: string;
}

type Json = Record<string, unknown>;

const invalid = (message: string) => Errors.invalidBody(message);
/** AC01 "IncorrectAccountNumber": the IBAN is absent, malformed or unknown (seed acceptance case). */
const incorrectAccount = (message: string) => Errors.incorrectAccount(message);

/** People and TPPs send IBANs in print format too ("FR76 1380 …", any case): the schema reads the electronic one. */
function withElectronicIban(body: unknown): unknown {
  const accountId = (body as Json | null)?.accountId as Json | null | undefined;
  if (typeof accountId?.iban !== 'string') return body;
  return { ...(body as Json), accountId: { ...accountId, iban: normaliseIban(accountId.iban) } };
}

/** STET lets an account be named by IBAN or `other`; this bank reads accounts by IBAN only (seed "Limitations fonctionnelles"). */
function ibanOf(accountId: Json): string {
  if (typeof accountId.iban === 'string') return accountId.iban;
  if (accountId.other !== undefined)
    throw incorrectAccount(
      'This bank identifies accounts by IBAN only: send accountId.iban, not accountId.other',
    );
  throw incorrectAccount('accountId.iban is missing');
}

/** What the schema cannot say: the amount is positive with the currency's decimals, the IBAN's check digits. */
function amountOf(instructed: Json): Money {
  try {
    const amount = parseAmount(String(instructed.amount), instructed.currency as string);
    if (compareMoney(amount, parseAmount('0', amount.currency)) <= 0)
      throw invalid('instructedAmount.amount must be positive');
    return amount;
  } catch (error) {
    if (error instanceof AmountError) throw invalid(`instructedAmount.${error.message}`);
    throw error;
  }
}

/**
 * Checks a funds-confirmation body against the version's PaymentCoverageRequestResource schema
 * (`@openstet/protocol`) and names the first field to fix: a body that is not STET is FF01
 * ("InvalidFileFormat"), a missing or malformed IBAN is AC01, as the seed's acceptance cases say ("IBAN
 * absent ou erroné" → AC01; amount, currency or request id absent or wrong → FF01).
 */
export function parseFundsRequest(body: unknown, version: StetVersion): FundsRequest {
  const checked = withElectronicIban(body) as Json;
  const problem = checkBody(StetSchemas.PaymentCoverageRequestResource[version], checked);
  // A field of the account is AC01; the account object itself absent or not an object is not STET: FF01.
  if (problem)
    throw problem.path.startsWith('accountId.')
      ? incorrectAccount(problem.message)
      : invalid(problem.message);
  const iban = ibanOf(checked.accountId as Json);
  checkedIban(iban, 'accountId.iban');
  return Object.freeze({
    paymentCoverageRequestId: checked.paymentCoverageRequestId as string,
    payee: checked.payee as string | undefined,
    amount: amountOf(checked.instructedAmount as Json),
    iban,
  });
}
