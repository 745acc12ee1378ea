import Type, { type TSchema } from 'typebox';
import type { PerVersion } from '../versions.ts';
import { StringEnum } from './schema-kit.ts';

/** ISO 20022 codes of the STET payment request, as 1.4.0.47 restricts them (and 1.4.2 widens some). */
export const PriorityCode = StringEnum(['HIGH', 'NORM'], {
  title: 'PriorityCode',
  description: 'Urgency the initiating party would like the instructed party to apply (ISO 20022)',
});

export const ServiceLevelCode = StringEnum(['NURG', 'SEPA'], {
  title: 'ServiceLevelCode',
  description: 'SEPA (SEPA credit transfer) or NURG (other credit transfer)',
});

/** 1.4.0.47: only INST (SEPA instant); 1.4.2: any ISO 20022 external local instrument code. */
export const LocalInstrumentCode = {
  v1: StringEnum(['INST'], {
    title: 'LocalInstrumentCode',
    description: 'INST asks for a SEPA instant payment; only with serviceLevel SEPA',
  }),
  'v1.4.2': Type.String({
    title: 'LocalInstrumentCode',
    description: 'INST for a SEPA instant payment, or an ISO 20022 external local instrument code',
  }),
} as const satisfies PerVersion<TSchema>;

export const CategoryPurposeCode = {
  v1: StringEnum(['CASH', 'DVPM'], { title: 'CategoryPurposeCode', description: 'CASH or DVPM (ISO 20022)' }),
  'v1.4.2': StringEnum(['CASH', 'CORT', 'DVPM', 'INTC', 'TREA'], {
    title: 'CategoryPurposeCode',
    description: 'High level purpose of the instruction (ISO 20022)',
  }),
} as const satisfies PerVersion<TSchema>;

export const PurposeCode = StringEnum(['ACCT', 'CASH', 'COMC', 'CPKC', 'TRPT'], {
  title: 'PurposeCode',
  description: 'Underlying reason for the payment transaction (ISO 20022)',
});

export const ChargeBearerCode = {
  v1: StringEnum(['SLEV'], { title: 'ChargeBearerCode', description: 'SLEV: following the service level' }),
  'v1.4.2': StringEnum(['SLEV', 'SHAR', 'CRED', 'DEBT'], {
    title: 'ChargeBearerCode',
    description: 'Which party bears the charges (ISO 20022)',
  }),
} as const satisfies PerVersion<TSchema>;

export const PaymentInformationStatusCode = StringEnum(
  ['ACCP', 'ACSC', 'ACSP', 'ACTC', 'ACWC', 'ACWP', 'PART', 'RCVD', 'PDNG', 'RJCT'],
  { title: 'PaymentInformationStatusCode', description: 'Status of the payment request (ISO 20022)' },
);

export const TransactionIndividualStatusCode = StringEnum(['RJCT', 'PDNG', 'ACSP', 'ACSC'], {
  title: 'TransactionIndividualStatusCode',
  description: 'Status of the credit transfer of one instruction (ISO 20022)',
});

/** Only with RJCT. The 1.4.0.47 description also names AM18, which its enum leaves out. */
export const StatusReasonInformation = StringEnum(
  [
    'AC01',
    'AC04',
    'AC06',
    'AG01',
    'CH03',
    'CUST',
    'DS02',
    'FF01',
    'FRAD',
    'MS03',
    'NOAS',
    'RR01',
    'RR03',
    'RR04',
    'RR12',
  ],
  { title: 'StatusReasonInformation', description: 'Reason of a rejection (ISO 20022), only with RJCT' },
);

export const ExecutionRule = StringEnum(['FWNG', 'PREC'], {
  title: 'ExecutionRule',
  description: 'Standing orders: execute on the following (FWNG) or preceding (PREC) working day',
});

export const FrequencyCode = StringEnum(['DAIL', 'WEEK', 'TOWK', 'MNTH', 'TOMN', 'QUTR', 'SEMI', 'YEAR'], {
  title: 'FrequencyCode',
  description: 'Frequency of a standing order (ISO 20022 EventFrequency7Code)',
});
