import Type from 'typebox';
import { expects } from './schema-kit.ts';

/**
 * The identifier pattern of STET 1.4.0.47 (`ResourceId`, `PaymentInformationId`, path ids, instruction and
 * end-to-end ids): 1 to 35 characters among letters, digits, space and `/ - ? : ( ) . , '`.
 */
export const RESOURCE_ID_PATTERN = "^([a-zA-Z0-9 /\\-?:\\()\\.,']{1,35})$";

const ID_EXPECTED = "an identifier of 1 to 35 letters, digits, spaces or / - ? : ( ) . , '";

/** A text with the STET identifier pattern (inline where the Swagger writes the pattern inline). */
export function Identifier(description: string) {
  return Type.String({ description, pattern: RESOURCE_ID_PATTERN, ...expects(ID_EXPECTED) });
}

/** STET `ResourceId`: the identifier the ASPSP gives a resource for later calls. */
export const ResourceId = Type.String({
  title: 'ResourceId',
  description: 'Identifier assigned by the ASPSP for further use of the created resource through API calls',
  pattern: RESOURCE_ID_PATTERN,
  ...expects(ID_EXPECTED),
});

/** STET `PaymentInformationId`: the PISP's reference of the payment information block (ISO 20022). */
export const PaymentInformationId = Type.String({
  title: 'PaymentInformationId',
  description: 'Reference assigned by the sending party to identify the payment information block',
  pattern: RESOURCE_ID_PATTERN,
  ...expects(ID_EXPECTED),
});
