import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AmountType } from './amount-type.ts';
import { Beneficiary } from './beneficiary.ts';
import { PartyIdentification } from './party-identification.ts';
import {
  ExecutionRule,
  FrequencyCode,
  PurposeCode,
  StatusReasonInformation,
  TransactionIndividualStatusCode,
} from './payment-codes.ts';
import { PaymentIdentification } from './payment-identification.ts';
import { RemittanceInformation, UnstructuredRemittanceInformation } from './remittance.ts';
import {
  EndDate,
  EquivalentAmountType,
  ExchangeRate,
  InstructionForCreditorAgent,
  IntermediaryAgent,
  RegulatoryReportingCodes,
  RequestedExecutionDate,
} from './transfer-parts.ts';

const schedule = {
  requestedExecutionDate: Type.Optional(RequestedExecutionDate),
  endDate: Type.Optional(EndDate),
  executionRule: Type.Optional(ExecutionRule),
  frequency: Type.Optional(FrequencyCode),
};
const status = {
  transactionStatus: Type.Optional(TransactionIndividualStatusCode),
  statusReasonInformation: Type.Optional(StatusReasonInformation),
};
const options = {
  title: 'CreditTransferTransaction',
  description: 'Payment processes required to transfer cash from the debtor to the creditor (ISO 20022)',
};

/**
 * STET `CreditTransferTransaction`: one instruction of a payment request. 1.4.2 (1.4.2.17 generated
 * client) requires only `paymentId`, takes `purpose` to this level, structures the remittance and adds
 * the equivalent amount, exchange rate, ultimate debtor, intermediary agent and creditor-agent instructions.
 */
export const CreditTransferTransaction = {
  v1: Type.Object(
    {
      paymentId: PaymentIdentification.v1,
      ...schedule,
      instructedAmount: AmountType.v1,
      beneficiary: Type.Optional(Beneficiary.v1),
      ultimateCreditor: Type.Optional(PartyIdentification.v1),
      regulatoryReportingCodes: Type.Optional(RegulatoryReportingCodes),
      remittanceInformation: UnstructuredRemittanceInformation,
      ...status,
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      paymentId: PaymentIdentification['v1.4.2'],
      ...schedule,
      instructedAmount: Type.Optional(AmountType['v1.4.2']),
      equivalentAmount: Type.Optional(EquivalentAmountType),
      exchangeRateInformation: Type.Optional(ExchangeRate),
      ultimateDebtor: Type.Optional(PartyIdentification['v1.4.2']),
      intermediaryAgent: Type.Optional(IntermediaryAgent),
      beneficiary: Type.Optional(Beneficiary['v1.4.2']),
      ultimateCreditor: Type.Optional(PartyIdentification['v1.4.2']),
      instructionForCreditorAgent: Type.Optional(Type.Array(InstructionForCreditorAgent)),
      purpose: Type.Optional(PurposeCode),
      regulatoryReportingCodes: Type.Optional(RegulatoryReportingCodes),
      remittanceInformation: Type.Optional(RemittanceInformation),
      ...status,
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type CreditTransferTransaction<V extends StetVersion = StetVersion> = Static<
  (typeof CreditTransferTransaction)[V]
>;
