import { randomBytes } from 'node:crypto';
import type { StetSchemas, StetVersion } from '@openstet/protocol';
import type { CallOptions } from '../client-options.ts';
import type { StetCall } from './stet-call.ts';

export interface FundsCheck {
  readonly iban: string;
  /** Decimal text, e.g. `"123.45"`: never a binary float. */
  readonly amount: string;
  readonly currency: string;
  readonly paymentCoverageRequestId?: string;
  readonly payee?: string;
}

/**
 * The one body the SDK sends on either version, so it must be a `PaymentCoverageRequestResource` of each:
 * the amount as decimal text (a string in 1.4.0.47; 1.4.2 takes a number or the text), the account by IBAN.
 */
type CoverageRequest = StetSchemas.PaymentCoverageRequestResource<'v1'> &
  StetSchemas.PaymentCoverageRequestResource<'v1.4.2'>;

/** The CBPII operation (PSD2 Art. 65): `POST /funds-confirmations`, a yes/no on an amount, nothing reserved. */
export function fundsConfirmationMethods(call: StetCall) {
  return {
    /**
     * Can the account cover the amount now? (STET 1.4.2; `version: 'v1'` for 1.4.0.47.) `requestId` is the
     * call's `X-Request-ID`, to quote to the bank.
     * @example const { covered } = await bank.fundsConfirmation({ iban: 'FR7613807008043001965405158', amount: '123.45', currency: 'EUR' });
     */
    async fundsConfirmation(check: FundsCheck, callOptions: CallOptions & { version?: StetVersion } = {}) {
      const body: CoverageRequest = {
        paymentCoverageRequestId: check.paymentCoverageRequestId ?? randomBytes(12).toString('hex'),
        ...(check.payee ? { payee: check.payee } : {}),
        instructedAmount: { currency: check.currency, amount: check.amount },
        accountId: { iban: check.iban },
      };
      const answer = await call(
        callOptions.version === 'v1' ? 'fundsConfirmationV1' : 'fundsConfirmation',
        body,
        callOptions,
      );
      const raw = answer.json as { result?: unknown };
      return { covered: raw.result === true, raw, requestId: answer.requestId };
    },
  };
}
