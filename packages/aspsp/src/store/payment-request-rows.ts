import type { Selectable } from 'kysely';
import type { PaymentRequest } from '../core/payments/payment-request.ts';
import type { PaymentChange } from '../core/ports/payment-store.ts';
import { approvalOf, instructionsOf, modificationOf, toJson } from './payment-request-json.ts';
import { wakeOn } from './payment-wake.ts';
import type { PaymentRequestTable } from './schema.ts';

/*
 * A payment request as a `payment_requests` row (migration 010) and back: null columns are the domain's
 * `undefined`, jsonb columns go through `payment-request-json.ts`.
 */

type Row = Selectable<PaymentRequestTable>;

/** The request a row holds, frozen as every domain value. */
export function requestOf(row: Row): PaymentRequest {
  return Object.freeze({
    id: row.id,
    establishment: row.establishment,
    clientId: row.clientId,
    paymentInformationId: row.paymentInformationId,
    createdAt: row.createdAt,
    instant: row.instant,
    requestedDebtorIban: row.requestedDebtorIban ?? undefined,
    instructions: instructionsOf(row.instructions),
    successUrl: row.successUrl,
    failureUrl: row.failureUrl,
    exemptionRequested: row.exemptionRequested,
    status: row.status,
    reason: row.reason ?? undefined,
    approvalDeadline: row.approvalDeadline,
    approval: approvalOf(row.approval),
    confirmedAt: row.confirmedAt ?? undefined,
    modification: modificationOf(row.modification),
    document: row.document,
    revision: row.revision,
  });
}

/** The columns a change sets: a field given as `undefined` is cleared (a dropped modification, a reason). */
export function columnsOf(change: PaymentChange) {
  const has = (field: keyof PaymentChange) => Object.hasOwn(change, field);
  return {
    ...(has('status') && change.status !== undefined ? { status: change.status } : {}),
    ...(has('reason') ? { reason: change.reason ?? null } : {}),
    ...(has('instructions') && change.instructions ? { instructions: toJson(change.instructions) } : {}),
    ...(has('approval') ? { approval: change.approval ? toJson(change.approval) : null } : {}),
    ...(has('approvalDeadline') && change.approvalDeadline
      ? { approvalDeadline: change.approvalDeadline }
      : {}),
    ...(has('confirmedAt') ? { confirmedAt: change.confirmedAt ?? null } : {}),
    ...(has('modification')
      ? { modification: change.modification ? toJson(change.modification) : null }
      : {}),
    ...(has('document') ? { document: toJson(change.document ?? null) } : {}),
  };
}

/** The row of a new request; `now` decides its `wake_on` (`payment-wake.ts`). */
export function rowOf(request: PaymentRequest, now: Date) {
  return {
    id: request.id,
    establishment: request.establishment,
    clientId: request.clientId,
    paymentInformationId: request.paymentInformationId,
    createdAt: request.createdAt,
    instant: request.instant,
    requestedDebtorIban: request.requestedDebtorIban ?? null,
    successUrl: request.successUrl,
    failureUrl: request.failureUrl,
    exemptionRequested: request.exemptionRequested,
    status: request.status,
    reason: request.reason ?? null,
    approvalDeadline: request.approvalDeadline,
    approval: request.approval ? toJson(request.approval) : null,
    confirmedAt: request.confirmedAt ?? null,
    modification: request.modification ? toJson(request.modification) : null,
    instructions: toJson(request.instructions),
    document: toJson(request.document ?? null),
    revision: request.revision,
    wakeOn: wakeOn(request, now),
  };
}
