import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountIdentification } from './account-identification.ts';
import { AmountType } from './amount-type.ts';
import { Links } from './generic-link.ts';
import { Text } from './schema-kit.ts';

/**
 * STET `PaymentCoverageRequestResource` (funds confirmation; seed "Vérifiez la disponibilité des fonds").
 * openstet refuses an empty `paymentCoverageRequestId` or `payee` as missing (`minLength: 1`, not in the
 * Swagger), as the bank always has; the bank reads accounts by IBAN only (seed "Limitations
 * fonctionnelles"), which it checks after the schema, with the IBAN check digits.
 */
function request<Amount extends TSchema, Account extends TSchema>(amount: Amount, account: Account) {
  return Type.Object(
    {
      paymentCoverageRequestId: Text(35, {
        minLength: 1,
        description: 'Identification of the payment coverage request',
      }),
      payee: Type.Optional(
        Text(70, {
          minLength: 1,
          description: 'The merchant where the card is accepted, as information to the PSU',
        }),
      ),
      instructedAmount: amount,
      accountId: account,
    },
    {
      title: 'PaymentCoverageRequestResource',
      description:
        'Payment coverage request. The request must rely either on a cash account or a payment card.',
    },
  );
}

export const PaymentCoverageRequestResource = {
  v1: request(AmountType.v1, AccountIdentification.v1),
  'v1.4.2': request(AmountType['v1.4.2'], AccountIdentification['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type PaymentCoverageRequestResource<V extends StetVersion = StetVersion> = Static<
  (typeof PaymentCoverageRequestResource)[V]
>;

/** STET `PaymentCoverageReportLinks`: `self`, to post another coverage request. */
export const PaymentCoverageReportLinks = Links(
  'PaymentCoverageReportLinks',
  'Links that can be used for further navigation to post another coverage request',
  ['self'],
  [],
);

/**
 * STET `HalPaymentCoverageReport`: the request echoed back, `result` (true: the payment can be covered)
 * and `_links.self`. openstet echoes only the request's STET fields, never what else a TPP sent, and
 * `accountId` as `{ iban }` (standards/stet/cbpii/coverage-report.ts). No funds are reserved.
 */
function report<Request extends TSchema>(echoed: Request) {
  return Type.Object(
    {
      request: echoed,
      result: Type.Boolean({ description: 'true: the payment can be covered; false: it cannot' }),
      _links: PaymentCoverageReportLinks,
    },
    { title: 'HalPaymentCoverageReport', description: 'The payment coverage report returned to the CBPII' },
  );
}

export const HalPaymentCoverageReport = {
  v1: report(PaymentCoverageRequestResource.v1),
  'v1.4.2': report(PaymentCoverageRequestResource['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type HalPaymentCoverageReport<V extends StetVersion = StetVersion> = Static<
  (typeof HalPaymentCoverageReport)[V]
>;
