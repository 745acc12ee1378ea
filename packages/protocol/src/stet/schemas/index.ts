// The STET resources as TypeBox schemas, each titled with its STET definition name (the OpenAPI component
// name). A resource that differs between versions is an object `{ v1, 'v1.4.2' }` and its type takes the
// version: `StetSchemas.AmountType<'v1'>`.
export * from './account.ts';
export * from './account-identification.ts';
export * from './account-list.ts';
export * from './amount-type.ts';
export * from './balance.ts';
export * from './beneficiary.ts';
export * from './consent.ts';
export * from './credit-transfer-transaction.ts';
export * from './end-user-identity.ts';
export * from './error-model.ts';
export * from './financial-institution-identification.ts';
export * from './funds-confirmation.ts';
export * from './generic-identification.ts';
export * from './generic-link.ts';
export * from './party-identification.ts';
export * from './payment-codes.ts';
export * from './payment-identification.ts';
export * from './payment-request.ts';
export * from './payment-request-responses.ts';
export * from './payment-type-information.ts';
export * from './postal-address.ts';
export * from './registration.ts';
export * from './remittance.ts';
export * from './resource-id.ts';
export * from './supplementary-data.ts';
export * from './transaction.ts';
export * from './transaction-details.ts';
export * from './transfer-parts.ts';
