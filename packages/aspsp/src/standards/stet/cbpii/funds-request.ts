import { checkBody, type Money, normaliseIban, StetSchemas, type StetVersion } from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';
import { accountIban } from '../account-iban.ts';
import { checkedAmount } from '../checked-amount.ts';

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
  const iban = accountIban(checked.accountId as Json, 'accountId');
  return Object.freeze({
    paymentCoverageRequestId: checked.paymentCoverageRequestId as string,
    payee: checked.payee as string | undefined,
    amount: checkedAmount(checked.instructedAmount as Json, 'instructedAmount'),
    iban,
  });
}
