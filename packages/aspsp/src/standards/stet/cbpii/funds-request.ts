import {
  AmountError,
  compareMoney,
  isValidIban,
  type Money,
  normaliseIban,
  parseAmount,
} from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';

/** STET versions served: 1.4.0.47 (`/stet/psd2/v1`, amount a string) and 1.4.2 (amount a number or string). */
export type StetVersion = 'v1' | 'v1.4.2';

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

function object(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, maxLength: number, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0)
    throw invalid(`${field} is missing: a string of at most ${maxLength} characters`);
  if (value.length > maxLength) throw invalid(`${field} is longer than ${maxLength} characters`);
  return value;
}

function amountOf(instructed: unknown, version: StetVersion): Money {
  if (!object(instructed))
    throw invalid('instructedAmount is missing: { "currency": "EUR", "amount": "123.45" }');
  const currency = instructed.currency;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw invalid('instructedAmount.currency must be an ISO 4217 code such as EUR');
  }
  const raw = instructed.amount;
  const numberAllowed = version === 'v1.4.2'; // STET 1.4.2 types amount as a number, 1.4.0.47 as a string.
  if (typeof raw !== 'string' && !(numberAllowed && typeof raw === 'number' && Number.isFinite(raw))) {
    throw invalid(
      `instructedAmount.amount must be ${numberAllowed ? 'a number or ' : ''}a string such as "123.45"`,
    );
  }
  try {
    const amount = parseAmount(String(raw), currency);
    if (compareMoney(amount, parseAmount('0', currency)) <= 0)
      throw invalid('instructedAmount.amount must be positive');
    return amount;
  } catch (error) {
    if (error instanceof AmountError) throw invalid(`instructedAmount.${error.message}`);
    throw error;
  }
}

function ibanOf(accountId: unknown): string {
  if (!object(accountId)) throw invalid('accountId is missing: { "iban": "FR76..." }');
  if (accountId.iban === undefined && accountId.other !== undefined) {
    throw incorrectAccount(
      'This bank identifies accounts by IBAN only: send accountId.iban, not accountId.other',
    );
  }
  if (typeof accountId.iban !== 'string' || accountId.iban === '')
    throw incorrectAccount('accountId.iban is missing');
  const iban = normaliseIban(accountId.iban);
  if (!isValidIban(iban))
    throw incorrectAccount('accountId.iban is not a valid IBAN (ISO 13616 structure and check digits)');
  return iban;
}

/**
 * Checks a funds-confirmation body field by field and names the first field to fix: a body that is not
 * STET is FF01 ("InvalidFileFormat"), a missing or malformed IBAN is AC01, as the seed's acceptance cases
 * say ("IBAN absent ou erroné" → AC01; amount, currency or request id absent or wrong → FF01).
 */
export function parseFundsRequest(body: unknown, version: StetVersion): FundsRequest {
  if (!object(body)) throw invalid('Body must be a PaymentCoverageRequestResource JSON object');
  return Object.freeze({
    paymentCoverageRequestId: text(
      body.paymentCoverageRequestId,
      'paymentCoverageRequestId',
      35,
      true,
    ) as string,
    payee: text(body.payee, 'payee', 70, false),
    amount: amountOf(body.instructedAmount, version),
    iban: ibanOf(body.accountId),
  });
}
