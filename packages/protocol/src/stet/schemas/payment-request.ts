import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountIdentification } from './account-identification.ts';
import { Beneficiary } from './beneficiary.ts';
import { CreditTransferTransaction } from './credit-transfer-transaction.ts';
import { FinancialInstitutionIdentification } from './financial-institution-identification.ts';
import { PartyIdentification } from './party-identification.ts';
import {
  ChargeBearerCode,
  PaymentInformationStatusCode,
  PurposeCode,
  StatusReasonInformation,
} from './payment-codes.ts';
import { PaymentTypeInformation } from './payment-type-information.ts';
import { PaymentInformationId, ResourceId } from './resource-id.ts';
import { DateTime } from './schema-kit.ts';
import { SupplementaryData } from './supplementary-data.ts';

export const CreationDateTime = DateTime({
  title: 'CreationDateTime',
  description: 'Date and time at which the payment instructions were created by the instructing party',
});
/** CR179/CR180: the ASPSP tells the PISP whether the payment is covered and whether it is booked. */
export const FundsAvailabilityInformation = Type.Boolean({
  title: 'FundsAvailabilityInformation',
  description: 'Whether the payment can be covered by the funds available on the account',
});
export const BookingInformation = Type.Boolean({
  title: 'BookingInformation',
  description: 'Whether the payment can be immediately booked',
});

const numberOfTransactions = Type.Integer({
  minimum: 1,
  description: 'Number of instructions in the request; each ASPSP sets a maximum (CR191)',
});
const status = {
  paymentInformationStatus: Type.Optional(PaymentInformationStatusCode),
  statusReasonInformation: Type.Optional(StatusReasonInformation),
  fundsAvailability: Type.Optional(FundsAvailabilityInformation),
  booking: Type.Optional(BookingInformation),
  requestedExecutionDate: Type.Optional(
    DateTime({ description: 'Date at which the payment should be processed' }),
  ),
};
const instructions = <Item extends TSchema>(item: Item) =>
  Type.Array(item, { minItems: 1, description: 'The instructions; each ASPSP sets a maximum (CR191)' });
const options = {
  title: 'PaymentRequestResource',
  description: 'A payment request sent by the creditor side to the debtor bank (ISO 20022 based)',
};

/**
 * STET `PaymentRequestResource` (`POST /payment-requests`, and the whole resource again on `PUT` to cancel:
 * RJCT / DS02). 1.4.2 adds `batchBooking`, `acceptDebtorAccountChange` and `acceptChargeHandlingChange`,
 * and moves `purpose` and `ultimateCreditor` to the instructions.
 */
export const PaymentRequestResource = {
  v1: Type.Object(
    {
      resourceId: Type.Optional(ResourceId),
      paymentInformationId: PaymentInformationId,
      creationDateTime: CreationDateTime,
      numberOfTransactions,
      initiatingParty: PartyIdentification.v1,
      paymentTypeInformation: PaymentTypeInformation.v1,
      debtor: Type.Optional(PartyIdentification.v1),
      debtorAccount: Type.Optional(AccountIdentification.v1),
      debtorAgent: Type.Optional(FinancialInstitutionIdentification.v1),
      beneficiary: Type.Optional(Beneficiary.v1),
      ultimateCreditor: Type.Optional(PartyIdentification.v1),
      purpose: Type.Optional(PurposeCode),
      chargeBearer: Type.Optional(ChargeBearerCode.v1),
      ...status,
      creditTransferTransaction: instructions(CreditTransferTransaction.v1),
      supplementaryData: SupplementaryData,
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      resourceId: Type.Optional(ResourceId),
      paymentInformationId: PaymentInformationId,
      batchBooking: Type.Optional(
        Type.Boolean({ description: 'Whether the instructions are booked as one entry' }),
      ),
      creationDateTime: CreationDateTime,
      numberOfTransactions,
      initiatingParty: PartyIdentification['v1.4.2'],
      acceptDebtorAccountChange: Type.Optional(Type.Boolean()),
      acceptChargeHandlingChange: Type.Optional(Type.Boolean()),
      paymentTypeInformation: PaymentTypeInformation['v1.4.2'],
      debtor: Type.Optional(PartyIdentification['v1.4.2']),
      debtorAccount: Type.Optional(AccountIdentification['v1.4.2']),
      debtorAgent: Type.Optional(FinancialInstitutionIdentification['v1.4.2']),
      beneficiary: Type.Optional(Beneficiary['v1.4.2']),
      chargeBearer: Type.Optional(ChargeBearerCode['v1.4.2']),
      ...status,
      creditTransferTransaction: instructions(CreditTransferTransaction['v1.4.2']),
      supplementaryData: SupplementaryData,
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type PaymentRequestResource<V extends StetVersion = StetVersion> = Static<
  (typeof PaymentRequestResource)[V]
>;
