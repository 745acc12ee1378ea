import type { StetVersion } from '@openstet/protocol';
import type { PaymentAsked } from '../../../core/payments/initiate-payment.ts';
import { accountIban } from '../account-iban.ts';
import { withoutBankFields } from './bank-fields.ts';
import { checkedPaymentBody } from './payment-body.ts';
import type { StetPaymentDocument } from './payment-document.ts';
import { parseInstructions } from './payment-instructions.ts';
import { paymentQuery } from './payment-query.ts';
import { paymentTerms } from './payment-terms.ts';

type Json = Readonly<Record<string, unknown>>;

/** Who posts, and what: the call's parts the request is read from. */
export interface PaymentPost {
  readonly body: unknown;
  readonly query: unknown;
  readonly version: StetVersion;
  readonly establishment: string;
  readonly clientId: string;
}

/** The request as the core takes it, and the field each instruction's execution date came from. */
export interface ParsedPaymentRequest {
  readonly asked: PaymentAsked;
  readonly dateFields: readonly string[];
}

/**
 * `POST /payment-requests` read into the core's `PaymentAsked`, each refusal a 400 naming the field: the
 * version's schema (FF01, AC01 for an IBAN), the terms this bank takes (`paymentTerms`), the instructions
 * (`parseInstructions`), the debtor account by IBAN when the PISP names one (otherwise the PSU chooses it on
 * the approval page). The STET document is kept as the PISP sent it, without the fields the bank sets.
 */
export function parsePaymentRequest(post: PaymentPost): ParsedPaymentRequest {
  const resource = checkedPaymentBody(post.body, post.version);
  const { uiLocales } = paymentQuery(post.query, post.version);
  const terms = paymentTerms(resource);
  const { instructions, dateFields } = parseInstructions(resource, post.version);
  const debtor = resource.debtorAccount as Json | undefined;
  const document: StetPaymentDocument = {
    standard: 'stet',
    version: post.version,
    ...(uiLocales !== undefined ? { uiLocales } : {}),
    paymentRequest: withoutBankFields(resource),
  };
  const asked: PaymentAsked = {
    establishment: post.establishment,
    clientId: post.clientId,
    paymentInformationId: resource.paymentInformationId as string,
    ...terms,
    debtorIban: debtor === undefined ? undefined : accountIban(debtor, 'debtorAccount'),
    instructions,
    document,
  };
  return { asked, dateFields };
}
