import { STET_ERROR_CODES } from '../errors/error-codes.ts';
import type { ComponentSchemas } from './openapi-components.ts';
import { operationSecurity } from './openapi-security.ts';
import type { StetOperation } from './operation.ts';
import { errorStatuses } from './operation-errors.ts';
import { STET_PARAMETERS } from './parameters.ts';
import type { StetVersion } from './versions.ts';

/** OpenAPI 3.1 §4.8.12.1: a header parameter named Accept, Content-Type or Authorization SHALL be ignored. */
const EXPRESSED_ELSEWHERE = new Set(['Authorization', 'Content-Type']);
const ERROR_MEDIA_TYPE = 'application/json; charset=utf-8';
const headers = (names: readonly string[]) =>
  Object.fromEntries(
    ['X-Request-ID', ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );

/** The operation object of `operation` in `version`: parameters, body, answers with their codes, security. */
export function operationObject(operation: StetOperation, version: StetVersion, schemas: ComponentSchemas) {
  const { success, errors } = operation.responses;
  const body = operation.requestBody?.schemas[version];
  const answer = success.schemas?.[version];
  const tag = operation.tags[version];
  return {
    operationId: operation.id,
    ...(tag ? { tags: [tag] } : {}),
    summary: operation.summary,
    description: operation.description,
    parameters: operation.parameters
      .filter((id) => STET_PARAMETERS[id].versions.includes(version))
      .filter((id) => !EXPRESSED_ELSEWHERE.has(STET_PARAMETERS[id].name))
      .map((id) => ({ $ref: `#/components/parameters/${id}` })),
    ...(body && operation.requestBody
      ? {
          requestBody: {
            required: operation.requestBody.required,
            content: { 'application/json': { schema: schemas.reference(body) } },
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        headers: headers(success.headers),
        ...(answer ? { content: { [success.mediaType]: { schema: schemas.reference(answer) } } } : {}),
      },
      ...Object.fromEntries(
        errorStatuses(errors).map(({ status, codes, headers: extra }) => [
          String(status),
          {
            description: codes.map((code) => `${code}: ${STET_ERROR_CODES[code].meaning}`).join('\n\n'),
            headers: headers(extra),
            content: { [ERROR_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ErrorModel' } } },
            'x-stet-error-codes': codes,
          },
        ]),
      ),
    },
    security: operationSecurity(operation),
    'x-psd2-role': operation.role,
    'x-signed-response': operation.signedResponse,
  };
}
