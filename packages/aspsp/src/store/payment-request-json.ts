import type { Money } from '@openstet/protocol';
import type {
  PaymentApproval,
  PaymentInstruction,
  PaymentModification,
} from '../core/payments/payment-request.ts';

/*
 * The jsonb columns of `payment_requests` (migration 010). JSON has no bigint and no Date: money goes as
 * its minor units in text (never a float: DESIGN.md habit 8) and instants as ISO 8601 strings. Reading
 * back sets every field of the domain type, absent ones as `undefined`, so a request read equals the
 * request written (`assert.deepStrictEqual` tells a missing key from an undefined one).
 */

/** Money and Dates as JSON can carry them: minor units in text, instants in ISO 8601. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) => (typeof field === 'bigint' ? field.toString() : field));
}

type Stored = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const instant = (value: unknown): Date | undefined =>
  typeof value === 'string' ? new Date(value) : undefined;

function moneyOf(value: unknown): Money {
  const { currency, minorUnits } = value as { currency: string; minorUnits: string };
  return Object.freeze({ currency, minorUnits: BigInt(minorUnits) });
}

function instructionOf(value: unknown): PaymentInstruction {
  const stored = value as Stored;
  const creditor = stored.creditor as Stored;
  const standingOrder = stored.standingOrder as Stored | undefined;
  return Object.freeze({
    instructionId: stored.instructionId as string,
    endToEndId: text(stored.endToEndId),
    amount: moneyOf(stored.amount),
    creditor: Object.freeze({
      name: creditor.name as string,
      iban: creditor.iban as string,
      bicFi: text(creditor.bicFi),
    }),
    remittance: stored.remittance as string,
    executionDate: stored.executionDate as string,
    standingOrder:
      standingOrder &&
      Object.freeze({
        frequency: standingOrder.frequency as NonNullable<PaymentInstruction['standingOrder']>['frequency'],
        endDate: text(standingOrder.endDate),
        executionRule: standingOrder.executionRule as 'following' | 'preceding',
      }),
    status: stored.status as PaymentInstruction['status'],
    reason: text(stored.reason) as PaymentInstruction['reason'],
    nextExecutionDate: text(stored.nextExecutionDate),
    pendingOrders: Object.freeze([...(stored.pendingOrders as string[])]),
    executions: stored.executions as number,
  });
}

/** The instructions as `toJson` wrote them. */
export function instructionsOf(value: unknown): readonly PaymentInstruction[] {
  return Object.freeze((value as unknown[]).map(instructionOf));
}

/** The PSU's approval as `toJson` wrote it, if any. */
export function approvalOf(value: unknown): PaymentApproval | undefined {
  if (value === null || value === undefined) return undefined;
  const stored = value as Stored;
  return Object.freeze({
    psuId: stored.psuId as string,
    debtorIban: stored.debtorIban as string,
    binding: stored.binding as string,
    approvedAt: instant(stored.approvedAt) as Date,
    consentId: stored.consentId as string,
    exempted: stored.exempted as boolean,
  });
}

/** A cancellation waiting for the PSU or the initiator, as `toJson` wrote it, if any. */
export function modificationOf(value: unknown): PaymentModification | undefined {
  if (value === null || value === undefined) return undefined;
  const stored = value as Stored;
  return Object.freeze({
    cancel: Object.freeze([...(stored.cancel as string[])]),
    requestedAt: instant(stored.requestedAt) as Date,
    approvedAt: instant(stored.approvedAt),
    approvalDeadline: instant(stored.approvalDeadline) as Date,
  });
}
