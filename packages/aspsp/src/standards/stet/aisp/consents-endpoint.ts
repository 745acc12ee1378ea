import { checkBody, normaliseIban, StetSchemas, type StetVersion, stetOperation } from '@openstet/protocol';
import { forwardAccess } from '../../../core/accounts/forward-access.ts';
import type { InformationAccess } from '../../../core/consent/consent.ts';
import { Errors } from '../../../http/api-error.ts';
import { checkedIban } from '../checked-iban.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { grantOf, type InformationEndpointDeps } from './information-call.ts';
import { informationRefusalError } from './information-refusal.ts';

type Json = Record<string, unknown>;

/** The IBANs of an `AccessibleAccounts` list, electronic format; this bank names accounts by IBAN only. */
function ibans(list: readonly Json[], field: string): string[] {
  return list.map((account, index) => {
    if (typeof account.iban !== 'string')
      throw Errors.incorrectAccount(
        `${field}[${index}].iban is missing: this bank identifies accounts by IBAN only`,
      );
    return checkedIban(normaliseIban(account.iban), `${field}[${index}].iban`);
  });
}

/** STET's own example sends `""` for an empty list: read `""` or a missing list as no accounts. */
function withEmptyLists(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const lists = ['balances', 'transactions'].map((field) => {
    const value = (body as Json)[field];
    return [field, value === '' || value === undefined ? [] : value];
  });
  return { ...body, ...Object.fromEntries(lists) };
}

/** STET `Access`, checked against the version's schema (400 FF01 naming the field, AC01 for an IBAN). */
export function parseAccess(body: unknown, version: StetVersion): InformationAccess {
  const access = withEmptyLists(body) as Json;
  const problem = checkBody(StetSchemas.Access[version], access);
  if (problem) throw Errors.invalidBody(problem.message);
  return {
    balances: ibans(access.balances as Json[], 'balances'),
    transactions: ibans(access.transactions as Json[], 'transactions'),
    trustedBeneficiaries: access.trustedBeneficiaries as boolean,
    psuIdentity: access.psuIdentity as boolean,
  };
}

/**
 * `PUT /consents` on both versions (scope `aisp`): the AISP forwards which accounts it reads balances and
 * transactions of, and whether it reads the trusted beneficiaries and the PSU's identity. 201 without a
 * body; it replaces the previous access, and an account the PSU did not make available at the bank is
 * 403 NGAC (nothing changes).
 */
export function consentsEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('consentsPut'),
    async answer({ request, version, token }) {
      const access = parseAccess(request.body, version);
      const refusal = await forwardAccess(deps.consents, await grantOf(deps, token), access);
      if (refusal?.reason === 'not-made-available')
        throw Errors.accountNotGranted(
          `${refusal.iban} is not an account the customer made available to you: a new authorization is needed`,
        );
      if (refusal) throw informationRefusalError(refusal);
      return { type: undefined, body: undefined };
    },
  };
}
