import type { StetVersion } from '@openstet/protocol';
import type { CallOptions } from '../client-options.ts';
import type { StetCall } from './stet-call.ts';

type VersionOption = CallOptions & { readonly version?: StetVersion };
type Json = Record<string, unknown>;

/** What you read, as the customer chose it (STET `Access`): IBANs for balances and transactions. */
export interface ForwardedAccess {
  readonly balances: readonly string[];
  readonly transactions: readonly string[];
  readonly trustedBeneficiaries: boolean;
  readonly psuIdentity: boolean;
}

export interface TrustedBeneficiary {
  readonly id: string | undefined;
  readonly name: string;
  readonly iban: string | undefined;
  readonly bicFi: string | undefined;
}

function beneficiary(raw: Json): TrustedBeneficiary {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    id: text(raw.id),
    name: String((raw.creditor as Json | undefined)?.name ?? ''),
    iban: text((raw.creditorAccount as Json | undefined)?.iban),
    bicFi: text((raw.creditorAgent as Json | undefined)?.bicFi),
  };
}

/** The AISP operations about the customer rather than one account: the consent, beneficiaries, identity. */
export function psuDetailMethods(call: StetCall) {
  return {
    /**
     * Tells the bank what you read (`PUT /consents`): it replaces what you sent before, and may only narrow
     * what the customer made available at the bank (an account outside it is 403 NGAC).
     * @example await bank.forwardConsent({ balances: ['FR7613807008043001965405158'], transactions: ['FR7613807008043001965405158'], trustedBeneficiaries: true, psuIdentity: true });
     */
    async forwardConsent(access: ForwardedAccess, options: VersionOption = {}) {
      const ibans = (list: readonly string[]) => list.map((iban) => ({ iban }));
      const body = { ...access, balances: ibans(access.balances), transactions: ibans(access.transactions) };
      const answer = await call(options.version === 'v1' ? 'consentsV1' : 'consents', body, options);
      return { requestId: answer.requestId };
    },

    /**
     * The customer's trusted beneficiaries (`GET /trusted-beneficiaries`), once forwarded with
     * `trustedBeneficiaries: true`.
     * @example const { beneficiaries } = await bank.trustedBeneficiaries();
     */
    async trustedBeneficiaries(options: VersionOption = {}) {
      const name = options.version === 'v1' ? 'trustedBeneficiariesV1' : 'trustedBeneficiaries';
      const answer = await call(name, undefined, options);
      const raw = answer.json as { beneficiaries?: Json[] };
      return { beneficiaries: (raw.beneficiaries ?? []).map(beneficiary), raw, requestId: answer.requestId };
    },

    /**
     * The customer's first and last name (`GET /end-user-identity`, STET 1.4.2), once forwarded with
     * `psuIdentity: true`; on 1.4.0.47 read `connectedPsu` from `accounts({ version: 'v1' }).raw`.
     * @example const { firstName, lastName } = await bank.endUserIdentity();
     */
    async endUserIdentity(options: CallOptions = {}) {
      const answer = await call('endUserIdentity', undefined, options);
      const raw = answer.json as Json;
      return {
        connectedPsu: String(raw.connectedPsu),
        firstName: typeof raw.connectedPsuFirstName === 'string' ? raw.connectedPsuFirstName : undefined,
        lastName: typeof raw.connectedPsuLastName === 'string' ? raw.connectedPsuLastName : undefined,
        raw,
        requestId: answer.requestId,
      };
    },
  };
}
