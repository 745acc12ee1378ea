import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AmountType } from './amount-type.ts';
import { Links } from './generic-link.ts';
import { RemittanceInformation, UnstructuredRemittanceInformation } from './remittance.ts';
import { ResourceId } from './resource-id.ts';
import { IsoDate, StringEnum, Text } from './schema-kit.ts';
import {
  AmountAndCurrencyExchange,
  BankTransactionCode,
  Charges,
  RelatedParties,
} from './transaction-details.ts';

/** STET `TransactionStatus`: BOOK accounted, PDNG pending (instant balance), OTHR other. */
export const TransactionStatus = StringEnum(['BOOK', 'PDNG', 'OTHR'], {
  title: 'TransactionStatus',
  description: 'BOOK: accounted transaction; PDNG: instant balance transaction; OTHR: other',
});

const head = {
  resourceId: Type.Optional(ResourceId),
  entryReference: Type.Optional(
    Text(40, { description: 'Technical incremental identification of the transaction' }),
  ),
};
const creditDebitIndicator = StringEnum(['CRDT', 'DBIT'], { description: 'CRDT: credit; DBIT: debit' });
const bookingDate = IsoDate({ description: 'Booking date of the transaction on the account' });
const valueDate = Type.Optional(IsoDate({ description: 'Value date of the transaction on the account' }));
const transactionDate = Type.Optional(
  IsoDate({
    description: 'Card: date of the transaction; transfer: acquiring date; direct debit: receiving date',
  }),
);
const options = { title: 'Transaction', description: 'A transaction of an account' };

/**
 * STET `Transaction`. 1.4.2 (from a 1.4.2.17 generated client) requires only the amount, the indicator and
 * the status, turns `remittanceInformation` into `{ unstructured, structured }` and adds the ISO 20022
 * details (amounts and exchange, bank transaction code, charges, related parties).
 */
export const Transaction = {
  v1: Type.Object(
    {
      ...head,
      transactionAmount: AmountType.v1,
      creditDebitIndicator,
      status: TransactionStatus,
      bookingDate,
      valueDate,
      transactionDate,
      remittanceInformation: UnstructuredRemittanceInformation,
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      ...head,
      transactionAmount: AmountType['v1.4.2'],
      creditDebitIndicator,
      transactionAmountDetails: Type.Optional(AmountAndCurrencyExchange),
      status: TransactionStatus,
      expectedBookingDate: Type.Optional(
        IsoDate({ description: 'Expected booking date of a pending transaction' }),
      ),
      bookingDate: Type.Optional(bookingDate),
      valueDate,
      transactionDate,
      bankTransactionCode: Type.Optional(BankTransactionCode),
      charges: Type.Optional(Charges),
      relatedParties: Type.Optional(RelatedParties),
      remittanceInformation: Type.Optional(RemittanceInformation),
      additionalTransactionInformation: Type.Optional(Type.String()),
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type Transaction<V extends StetVersion = StetVersion> = Static<(typeof Transaction)[V]>;

export const TransactionsLinks = Links(
  'TransactionsLinks',
  'Links of the transactions of an account: self, parent-list, balances, and the pages of the result',
  ['self'],
  ['parent-list', 'balances', 'first', 'last', 'next', 'prev'],
);

/** STET `HalTransactions` (`GET /accounts/{accountResourceId}/transactions`), paged by opaque hrefs. */
export const HalTransactions = {
  v1: Type.Object(
    {
      transactions: Type.Array(Transaction.v1, { description: 'List of transactions' }),
      _links: TransactionsLinks,
    },
    { title: 'HalTransactions', description: 'The transactions of a given account, returned to the AISP' },
  ),
  'v1.4.2': Type.Object(
    {
      transactions: Type.Array(Transaction['v1.4.2'], { description: 'List of transactions' }),
      _links: TransactionsLinks,
    },
    { title: 'HalTransactions', description: 'The transactions of a given account, returned to the AISP' },
  ),
} as const satisfies PerVersion<TSchema>;
export type HalTransactions<V extends StetVersion = StetVersion> = Static<(typeof HalTransactions)[V]>;
