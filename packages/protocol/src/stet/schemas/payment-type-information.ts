import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { CategoryPurposeCode, LocalInstrumentCode, PriorityCode, ServiceLevelCode } from './payment-codes.ts';

const options = {
  title: 'PaymentTypeInformation',
  description: 'Set of elements used to further specify the type of transaction (ISO 20022)',
};

/**
 * STET `PaymentTypeInformation`. 1.4.2 lets `localInstrument` be any ISO 20022 code, widens
 * `categoryPurpose`, and (in a 1.4.2.17 generated client) no longer requires `serviceLevel`.
 */
export const PaymentTypeInformation = {
  v1: Type.Object(
    {
      instructionPriority: Type.Optional(PriorityCode),
      serviceLevel: ServiceLevelCode,
      localInstrument: Type.Optional(LocalInstrumentCode.v1),
      categoryPurpose: Type.Optional(CategoryPurposeCode.v1),
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      instructionPriority: Type.Optional(PriorityCode),
      serviceLevel: Type.Optional(ServiceLevelCode),
      localInstrument: Type.Optional(LocalInstrumentCode['v1.4.2']),
      categoryPurpose: Type.Optional(CategoryPurposeCode['v1.4.2']),
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type PaymentTypeInformation<V extends StetVersion = StetVersion> = Static<
  (typeof PaymentTypeInformation)[V]
>;
