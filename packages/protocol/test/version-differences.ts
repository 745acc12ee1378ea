/**
 * How the 1.4.2 document's components differ from the 1.4.0.47 ones, grouped by the STET 1.4.2 change each
 * difference implements (reference/notes/stet-spec.md §2.2, §6, §7; field names from a client generated
 * from 1.4.2.17). Keys are those of `compareDefinitions` (`Definition.property.aspect`).
 */
export const STET_142_CHANGES: readonly {
  readonly change: string;
  readonly differences: readonly string[];
}[] = [
  {
    change: 'AmountType.amount becomes a number; openstet reads a number or the decimal text',
    differences: ['AmountType.amount.type', 'AmountType.amount.pattern', 'AmountType.amount.anyOf'],
  },
  {
    change:
      'The account currency moves from AccountResource to AccountIdentification; AccountResource gains company',
    differences: [
      'AccountIdentification.currency',
      'AccountResource.required',
      'AccountResource.currency',
      'AccountResource.company',
    ],
  },
  {
    change: 'The PSU identity moves from HalAccounts.connectedPsu to GET /end-user-identity',
    differences: ['HalAccounts.connectedPsu', 'PsuContextLinks.endUserIdentity'],
  },
  {
    change: 'Transactions: fewer required fields, structured remittance, ISO 20022 details',
    differences: [
      'Transaction.required',
      'Transaction.remittanceInformation.type',
      'Transaction.remittanceInformation.items.type',
      'Transaction.remittanceInformation.items.maxLength',
      'Transaction.remittanceInformation.ref',
      'Transaction.transactionAmountDetails',
      'Transaction.expectedBookingDate',
      'Transaction.bankTransactionCode',
      'Transaction.charges',
      'Transaction.relatedParties',
      'Transaction.additionalTransactionInformation',
    ],
  },
  {
    change: 'Parties: date and place of birth, structured postal address',
    differences: [
      'PartyIdentification.dateAndPlaceOfBirth',
      'PostalAddress.addressType',
      'PostalAddress.department',
      'PostalAddress.subDepartment',
      'PostalAddress.streetName',
      'PostalAddress.buildingNumber',
      'PostalAddress.buildingName',
      'PostalAddress.postCode',
      'PostalAddress.townName',
      'PostalAddress.countrySubDivision',
    ],
  },
  {
    change:
      'Payment request: batch booking and change acceptances; purpose and ultimate creditor move to the instructions',
    differences: [
      'PaymentRequestResource.batchBooking',
      'PaymentRequestResource.acceptDebtorAccountChange',
      'PaymentRequestResource.acceptChargeHandlingChange',
      'PaymentRequestResource.purpose',
      'PaymentRequestResource.ultimateCreditor',
      'CreditTransferTransaction.purpose',
    ],
  },
  {
    change: 'Instructions: only paymentId required, structured remittance, equivalent amount and agents',
    differences: [
      'CreditTransferTransaction.required',
      'CreditTransferTransaction.remittanceInformation.type',
      'CreditTransferTransaction.remittanceInformation.items.type',
      'CreditTransferTransaction.remittanceInformation.items.maxLength',
      'CreditTransferTransaction.remittanceInformation.ref',
      'CreditTransferTransaction.equivalentAmount',
      'CreditTransferTransaction.exchangeRateInformation',
      'CreditTransferTransaction.ultimateDebtor',
      'CreditTransferTransaction.intermediaryAgent',
      'CreditTransferTransaction.instructionForCreditorAgent',
      'PaymentIdentification.required',
    ],
  },
  {
    change:
      'Wider codes: any local instrument, more category purposes and charge bearers; serviceLevel optional',
    differences: [
      'LocalInstrumentCode.enum',
      'CategoryPurposeCode.enum',
      'ChargeBearerCode.enum',
      'PaymentRequestResource.chargeBearer.enum',
      'PaymentTypeInformation.required',
      'PaymentTypeInformation.localInstrument.enum',
      'PaymentTypeInformation.categoryPurpose.enum',
    ],
  },
  {
    change: 'nonce on the creation answer and the confirmation; PaymentRequestLinks.self becomes request',
    differences: [
      'HalPaymentRequestCreation.nonce',
      'ConfirmationResource.nonce',
      'PaymentRequestLinks.self',
      'PaymentRequestLinks.request',
    ],
  },
];

/** Components only the 1.4.2 document has. */
export const STET_142_COMPONENTS: readonly string[] = [
  'AmountAndCurrencyExchange',
  'AmountAndCurrencyExchangeDetails',
  'BankTransactionCode',
  'Charges',
  'ChargesRecord',
  'DateAndPlaceOfBirth',
  'EndUserIdentityLinks',
  'EquivalentAmountType',
  'ExchangeRate',
  'HalEndUserIdentity',
  'InstructionForCreditorAgent',
  'IntermediaryAgent',
  'NamePrefixCode',
  'RelatedParties',
  'RemittanceInformation',
  'StructuredRemittanceInformation',
];
