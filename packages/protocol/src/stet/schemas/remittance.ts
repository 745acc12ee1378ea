import Type, { type Static } from 'typebox';
import { PartyIdentification } from './party-identification.ts';
import { Text } from './schema-kit.ts';

/** STET 1.4.0.47 `UnstructuredRemittanceInformation`: "Only one occurrence is allowed", of at most 140 characters. */
export const UnstructuredRemittanceInformation = Type.Array(
  Text(140, { description: 'Relevant information to the transaction' }),
  {
    title: 'UnstructuredRemittanceInformation',
    description: 'Information that enables the matching of an entry with the items it settles (ISO 20022)',
  },
);

/**
 * STET 1.4.2 structured remittance (ISO 20022 `StructuredRemittanceInformation`). Only the top-level field
 * names are known from the sources at hand (a 1.4.2.17 generated client); the nested ISO 20022 blocks are
 * open objects here, and openstet itself answers unstructured remittance only.
 */
export const StructuredRemittanceInformation = Type.Object(
  {
    referredDocumentInformation: Type.Optional(Type.Array(Type.Object({}))),
    referredDocumentAmount: Type.Optional(Type.Object({})),
    creditorReferenceInformation: Type.Optional(Type.Object({})),
    invoicer: Type.Optional(PartyIdentification['v1.4.2']),
    invoicee: Type.Optional(PartyIdentification['v1.4.2']),
    taxRemittance: Type.Optional(Type.Object({})),
  },
  { title: 'StructuredRemittanceInformation', description: 'Structured remittance information (ISO 20022)' },
);

/** STET 1.4.2 `RemittanceInformation`: unstructured lines and structured references. */
export const RemittanceInformation = Type.Object(
  {
    unstructured: Type.Optional(UnstructuredRemittanceInformation),
    structured: Type.Optional(Type.Array(StructuredRemittanceInformation)),
  },
  { title: 'RemittanceInformation', description: 'Remittance information, unstructured or structured' },
);
export type RemittanceInformation = Static<typeof RemittanceInformation>;
