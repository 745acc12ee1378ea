import type { TSchema } from 'typebox';
import type { PerVersion } from '../versions.ts';
import { HalAccounts } from './account-list.ts';
import { HalBalances } from './balance.ts';
import { HalBeneficiaries } from './beneficiary.ts';
import { Access } from './consent.ts';
import { HalEndUserIdentity } from './end-user-identity.ts';
import { ErrorModel } from './error-model.ts';
import { HalPaymentCoverageReport, PaymentCoverageRequestResource } from './funds-confirmation.ts';
import { PaymentRequestResource } from './payment-request.ts';
import {
  ConfirmationResource,
  HalPaymentRequest,
  HalPaymentRequestCreation,
} from './payment-request-responses.ts';
import { HalTransactions } from './transaction.ts';

/**
 * The request and response bodies of each version, served or not yet: the OpenAPI document of a version
 * holds these and every titled schema inside them, so its components can be compared with the Swagger.
 */
export const STET_RESOURCES: PerVersion<readonly TSchema[]> = Object.freeze({
  v1: Object.freeze([
    ErrorModel,
    PaymentCoverageRequestResource.v1,
    HalPaymentCoverageReport.v1,
    HalAccounts.v1,
    HalBalances.v1,
    HalTransactions.v1,
    Access.v1,
    HalBeneficiaries.v1,
    PaymentRequestResource.v1,
    HalPaymentRequestCreation.v1,
    HalPaymentRequest.v1,
    ConfirmationResource.v1,
  ]),
  'v1.4.2': Object.freeze([
    ErrorModel,
    PaymentCoverageRequestResource['v1.4.2'],
    HalPaymentCoverageReport['v1.4.2'],
    HalAccounts['v1.4.2'],
    HalBalances['v1.4.2'],
    HalTransactions['v1.4.2'],
    Access['v1.4.2'],
    HalBeneficiaries['v1.4.2'],
    HalEndUserIdentity,
    PaymentRequestResource['v1.4.2'],
    HalPaymentRequestCreation['v1.4.2'],
    HalPaymentRequest['v1.4.2'],
    ConfirmationResource['v1.4.2'],
  ]),
});
