import { checkBody, normaliseIban, StetSchemas, type StetVersion } from '@openstet/protocol';
import { Errors } from '../../../http/api-error.ts';
import { knownFields } from './known-fields.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `object` with `key` changed by `change` when it is there; no key is added. */
function changed(object: Json, key: string, change: (value: unknown) => unknown): Json {
  return object[key] === undefined ? object : { ...object, [key]: change(object[key]) };
}

const electronicAccount = (account: unknown) =>
  isObject(account) && typeof account.iban === 'string'
    ? { ...account, iban: normaliseIban(account.iban) }
    : account;
const electronicBeneficiary = (beneficiary: unknown) =>
  isObject(beneficiary) ? changed(beneficiary, 'creditorAccount', electronicAccount) : beneficiary;

/** IBANs typed in print format ("FR76 1380 …", any case) read in electronic format, as the schema wants them. */
function withElectronicIbans(body: unknown): unknown {
  if (!isObject(body)) return body;
  const instructions = (list: unknown) =>
    Array.isArray(list)
      ? list.map((item) => (isObject(item) ? changed(item, 'beneficiary', electronicBeneficiary) : item))
      : list;
  return changed(
    changed(changed(body, 'debtorAccount', electronicAccount), 'beneficiary', electronicBeneficiary),
    'creditTransferTransaction',
    instructions,
  );
}

/** An account's IBAN (the debtor's, a creditor's) is AC01 "IncorrectAccountNumber"; the rest of the body FF01. */
const IBAN_FIELD = /(?:^|\.)(?:debtorAccount|creditorAccount)\.iban$/;

/**
 * A `PaymentRequestResource` checked against the version's schema (`@openstet/protocol`), refused with the
 * first field to fix: FF01 ("InvalidFileFormat"), or AC01 for an IBAN, as the funds check does. Returns the
 * body with electronic IBANs and only the fields STET defines (`knownFields`).
 */
export function checkedPaymentBody(body: unknown, version: StetVersion): Json {
  const schema = StetSchemas.PaymentRequestResource[version];
  const electronic = withElectronicIbans(body);
  const problem = checkBody(schema, electronic);
  if (problem)
    throw IBAN_FIELD.test(problem.path)
      ? Errors.incorrectAccount(problem.message)
      : Errors.invalidBody(problem.message);
  return knownFields(schema, electronic) as Json;
}
