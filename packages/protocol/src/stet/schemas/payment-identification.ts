import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { Identifier, ResourceId } from './resource-id.ts';

const resourceId = Type.Optional(ResourceId);
const instructionId = Identifier('Identification of the instruction shared between the PISP and the ASPSP');
const endToEndId = Identifier('Identification shared between the merchant and the PSU, unchanged end to end');
const options = {
  title: 'PaymentIdentification',
  description: 'Set of elements used to reference a payment instruction (ISO 20022)',
};

/** STET `PaymentIdentification`; `endToEndId` is optional from 1.4.2 (1.4.2.17 generated client). */
export const PaymentIdentification = {
  v1: Type.Object({ resourceId, instructionId, endToEndId }, options),
  'v1.4.2': Type.Object({ resourceId, instructionId, endToEndId: Type.Optional(endToEndId) }, options),
} as const satisfies PerVersion<TSchema>;
export type PaymentIdentification<V extends StetVersion = StetVersion> = Static<
  (typeof PaymentIdentification)[V]
>;
