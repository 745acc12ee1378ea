import { randomBytes } from 'node:crypto';
import type { StetSchemas, StetVersion } from '@openstet/protocol';

/** A STET payment request as either version writes it (`PaymentRequestResource`). */
export type PaymentRequestResource =
  | StetSchemas.PaymentRequestResource<'v1'>
  | StetSchemas.PaymentRequestResource<'v1.4.2'>;

/** A standing order's schedule in STET's ISO 20022 codes (`frequency`, `endDate`, `executionRule`). */
export interface StandingOrderSchedule {
  /** DAIL, WEEK, TOWK (every two weeks), MNTH, TOMN (every two months), QUTR, SEMI (half-yearly), YEAR. */
  readonly frequency: NonNullable<StetSchemas.CreditTransferTransaction['frequency']>;
  /** The last day an execution may fall on, `YYYY-MM-DD`; endless (until cancelled) when absent. */
  readonly endDate?: string;
  /** A date on a weekend moves to the following (FWNG) or preceding (PREC) working day. */
  readonly executionRule?: 'FWNG' | 'PREC';
}

/** One SEPA credit transfer to ask a customer's bank for, in plain words; the SDK writes the STET resource. */
export interface PaymentOrder {
  /** The account to debit; absent, the customer chooses it on the bank's pages. */
  readonly debtorIban?: string;
  readonly creditor: { readonly name: string; readonly iban: string; readonly bicFi?: string };
  /** Decimal text, e.g. `"50.00"`: never a binary float. */
  readonly amount: string;
  /** ISO 4217; `EUR` by default. */
  readonly currency?: string;
  /** What the customer and the beneficiary read (one line of at most 140 characters). */
  readonly remittance?: string;
  /** SEPA Instant Credit Transfer (`localInstrument: INST`): settled at confirmation, or rejected. */
  readonly instant?: boolean;
  /** The (first) execution day, `YYYY-MM-DD`; absent: as soon as you confirm. */
  readonly executionDate?: string;
  readonly standingOrder?: StandingOrderSchedule;
  /** Where the bank sends the customer's browser once they approved (STET: a TLS-secured URL). */
  readonly successfulReportUrl: string;
  /** Where it sends them when they refuse or fail; `successfulReportUrl` when absent. */
  readonly unsuccessfulReportUrl?: string;
  /** Asks for an SCA exemption (STET `scaHint: scaExemption`); the bank decides (RTS Art. 13). */
  readonly scaExemption?: boolean;
  /**
   * Your reference of the request (ISO 20022 PaymentInformationId, at most 35 characters), random by
   * default: the bank answers the same reference and body within 24 hours with the first request.
   */
  readonly paymentInformationId?: string;
  /** Your ids of the instruction (ISO 20022 InstructionId, EndToEndId); random by default. */
  readonly instructionId?: string;
  readonly endToEndId?: string;
  /** Who initiates: you, or the merchant you act for; your client id by default. */
  readonly initiatingParty?: string;
}

/** 32 hexadecimal characters: within STET's identifier pattern (1 to 35 characters). */
const reference = () => randomBytes(16).toString('hex');

/** A day as STET's date-time: noon UTC, the same calendar day in Europe whichever day boundary the bank uses. */
const dayAsDateTime = (day: string) => `${day}T12:00:00.000Z`;

/** What the two versions share, typed as both: one object valid on either. */
type OnBothVersions<V1, V142, Left extends string> = Omit<V1, Left> & Omit<V142, Left>;
type Instruction = OnBothVersions<
  StetSchemas.CreditTransferTransaction<'v1'>,
  StetSchemas.CreditTransferTransaction<'v1.4.2'>,
  'remittanceInformation'
>;
type Request = OnBothVersions<
  StetSchemas.PaymentRequestResource<'v1'>,
  StetSchemas.PaymentRequestResource<'v1.4.2'>,
  'creditTransferTransaction'
>;

function instructionOf(order: PaymentOrder): Instruction {
  const schedule = order.standingOrder;
  const { name, iban, bicFi } = order.creditor;
  return {
    paymentId: {
      instructionId: order.instructionId ?? reference(),
      endToEndId: order.endToEndId ?? reference(),
    },
    ...(order.executionDate ? { requestedExecutionDate: dayAsDateTime(order.executionDate) } : {}),
    ...(schedule ? { frequency: schedule.frequency } : {}),
    ...(schedule?.endDate ? { endDate: dayAsDateTime(schedule.endDate) } : {}),
    ...(schedule?.executionRule ? { executionRule: schedule.executionRule } : {}),
    instructedAmount: { currency: order.currency ?? 'EUR', amount: order.amount },
    beneficiary: {
      creditor: { name },
      creditorAccount: { iban },
      ...(bicFi ? { creditorAgent: { bicFi } } : {}),
    },
  };
}

function requestOf(order: PaymentOrder, clientId: string, now: Date): Request {
  return {
    paymentInformationId: order.paymentInformationId ?? reference(),
    creationDateTime: now.toISOString(),
    numberOfTransactions: 1,
    initiatingParty: { name: order.initiatingParty ?? clientId },
    paymentTypeInformation: { serviceLevel: 'SEPA', ...(order.instant ? { localInstrument: 'INST' } : {}) },
    ...(order.debtorIban ? { debtorAccount: { iban: order.debtorIban } } : {}),
    chargeBearer: 'SLEV',
    supplementaryData: {
      acceptedAuthenticationApproach: ['REDIRECT'],
      successfulReportUrl: order.successfulReportUrl,
      ...(order.unsuccessfulReportUrl ? { unsuccessfulReportUrl: order.unsuccessfulReportUrl } : {}),
      ...(order.scaExemption ? { scaHint: 'scaExemption' } : {}),
    },
  };
}

/**
 * The STET `PaymentRequestResource` of an order, valid on `version`: one SEPA credit transfer
 * (`serviceLevel: SEPA`, `localInstrument: INST` when instant), the REDIRECT approach (the customer
 * approves on the bank's pages), the references and the creation time filled in.
 */
export function paymentRequestResource(
  order: PaymentOrder,
  version: StetVersion,
  clientId: string,
  now: Date,
): PaymentRequestResource {
  const request = requestOf(order, clientId, now);
  const instruction = instructionOf(order);
  const lines = order.remittance === undefined ? [] : [order.remittance];
  // 1.4.0.47 requires the remittance as lines; 1.4.2 structures it and makes it optional.
  if (version === 'v1')
    return { ...request, creditTransferTransaction: [{ ...instruction, remittanceInformation: lines }] };
  const remittance = lines.length > 0 ? { remittanceInformation: { unstructured: lines } } : {};
  return { ...request, creditTransferTransaction: [{ ...instruction, ...remittance }] };
}
