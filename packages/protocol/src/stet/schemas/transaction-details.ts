import Type from 'typebox';
import { AccountIdentification } from './account-identification.ts';
import { AmountType } from './amount-type.ts';
import { FinancialInstitutionIdentification } from './financial-institution-identification.ts';
import { PartyIdentification } from './party-identification.ts';
import { ChargeBearerCode } from './payment-codes.ts';
import { DateTime, StringEnum } from './schema-kit.ts';

/**
 * The ISO 20022 details STET 1.4.2 adds to a transaction. Field names, nesting and required fields come
 * from a client generated from 1.4.2.17, which drops lengths and patterns: none is invented here.
 */
const amount = AmountType['v1.4.2'];
const text = Type.Optional(Type.String());

export const AmountAndCurrencyExchangeDetails = Type.Object(
  {
    type: text,
    amount,
    sourceCurrency: Type.String(),
    targetCurrency: text,
    unitCurrency: text,
    exchangeRate: Type.Number({ format: 'float' }),
    contractIdentification: text,
    quotationDate: Type.Optional(DateTime()),
  },
  {
    title: 'AmountAndCurrencyExchangeDetails',
    description: 'An amount and its currency exchange (ISO 20022)',
  },
);

const details = Type.Optional(AmountAndCurrencyExchangeDetails);
export const AmountAndCurrencyExchange = Type.Object(
  {
    instructedAmount: details,
    transactionAmount: details,
    counterValueAmount: details,
    announcedPostingAmount: details,
    proprietaryAmount: Type.Optional(Type.Array(AmountAndCurrencyExchangeDetails)),
  },
  { title: 'AmountAndCurrencyExchange', description: 'The amounts of a transaction and their exchange' },
);

export const BankTransactionCode = Type.Object(
  { domain: Type.String(), family: Type.String(), subFamily: Type.String(), code: text, issuer: text },
  {
    title: 'BankTransactionCode',
    description: 'Bank transaction code: domain, family, sub-family (ISO 20022)',
  },
);

/** One charge; its ISO 20022 `code` and `tax` blocks are open objects here. */
export const ChargesRecord = Type.Object(
  {
    amount: Type.Optional(amount),
    creditDebitIndicator: Type.Optional(StringEnum(['CRDT', 'DBIT'])),
    chargeIncludedIndicator: Type.Optional(Type.Boolean()),
    code: Type.Optional(Type.Object({})),
    rate: Type.Optional(Type.Number({ format: 'float' })),
    bearer: Type.Optional(ChargeBearerCode['v1.4.2']),
    agent: Type.Optional(FinancialInstitutionIdentification['v1.4.2']),
    tax: Type.Optional(Type.Object({})),
  },
  { title: 'ChargesRecord', description: 'One charge of a transaction (ISO 20022)' },
);

export const Charges = Type.Object(
  { totalChargesAndTaxAmount: Type.Optional(amount), record: Type.Optional(Type.Array(ChargesRecord)) },
  { title: 'Charges', description: 'Charges of a transaction (ISO 20022)' },
);

const party = Type.Optional(PartyIdentification['v1.4.2']);
const agent = Type.Optional(FinancialInstitutionIdentification['v1.4.2']);
const account = Type.Optional(AccountIdentification['v1.4.2']);
export const RelatedParties = Type.Object(
  {
    initiatingParty: party,
    debtorAgent: agent,
    debtor: party,
    debtorAccount: account,
    ultimateDebtor: party,
    creditorAgent: agent,
    creditor: party,
    creditorAccount: account,
    ultimateCreditor: party,
  },
  { title: 'RelatedParties', description: 'The parties of a transaction (ISO 20022)' },
);
