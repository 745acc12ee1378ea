import Type from 'typebox';
import { AccountIdentification } from './account-identification.ts';
import { PartyIdentification } from './party-identification.ts';
import { CurrencyCode, DateTime, Text } from './schema-kit.ts';

/** STET `RegulatoryReportingCode(s)`: 1 to 10 economic codes of at most 10 characters (international payments). */
export const RegulatoryReportingCode = Text(10, {
  title: 'RegulatoryReportingCode',
  description: 'Information needed due to regulatory and statutory requirements',
});
export const RegulatoryReportingCodes = Type.Array(RegulatoryReportingCode, {
  title: 'RegulatoryReportingCodes',
  description: 'List of needed regulatory reporting codes for international payments',
  minItems: 1,
  maxItems: 10,
});

/** STET `RequestedExecutionDate`: when the payment should be processed; the first date of a standing order. */
export const RequestedExecutionDate = DateTime({
  title: 'RequestedExecutionDate',
  description: 'Date at which the initiating party requests the clearing agent to process the payment',
});

/** STET `EndDate`: the last execution day of a standing order; endless when absent. */
export const EndDate = DateTime({
  title: 'EndDate',
  description: 'The last applicable day of execution for a given standing order',
});

/**
 * The instruction-level blocks STET 1.4.2 adds (names and required fields from a 1.4.2.17 generated
 * client, which drops lengths and patterns).
 */
export const EquivalentAmountType = Type.Object(
  {
    amount: Type.Number({ format: 'float' }),
    currency: CurrencyCode(),
    currencyOfTransfer: CurrencyCode(),
  },
  { title: 'EquivalentAmountType', description: 'An amount in another currency than the transfer currency' },
);

export const ExchangeRate = Type.Object(
  {
    unitCurrency: Type.Optional(Type.String()),
    exchangeRate: Type.Optional(Type.Number({ format: 'float' })),
    rateType: Type.Optional(Type.String()),
    contractIdentification: Type.Optional(Type.String()),
  },
  { title: 'ExchangeRate', description: 'Exchange rate information (ISO 20022)' },
);

export const IntermediaryAgent = Type.Object(
  {
    agent: Type.Optional(PartyIdentification['v1.4.2']),
    agentAccount: Type.Optional(AccountIdentification['v1.4.2']),
  },
  { title: 'IntermediaryAgent', description: 'An intermediary agent of the transfer' },
);

export const InstructionForCreditorAgent = Type.Object(
  { code: Type.Optional(Type.String()), instructionInformation: Type.Optional(Type.String()) },
  { title: 'InstructionForCreditorAgent', description: 'Instruction for the creditor agent (ISO 20022)' },
);
