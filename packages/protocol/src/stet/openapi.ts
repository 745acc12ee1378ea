import { ComponentSchemas } from './openapi-components.ts';
import { RESPONSE_HEADERS } from './openapi-headers.ts';
import { operationObject } from './openapi-operation.ts';
import { type SecurityUrls, securitySchemes } from './openapi-security.ts';
import type { StetOperation } from './operation.ts';
import { STET_OPERATIONS } from './operations.ts';
import { STET_PARAMETERS } from './parameters.ts';
import { STET_RESOURCES } from './schemas/catalogue.ts';
import { STET_VERSION_LABELS, type StetVersion, stetBasePath } from './versions.ts';

/** Where the document points: by default the sandbox's URLs (DESIGN "Contracts"); a bank passes its own. */
export interface OpenApiOptions {
  /** The API's base URL; default `/stet/psd2/<version>`, relative to the document. */
  readonly serverUrl?: string;
  readonly authorizationUrl?: string;
  readonly tokenUrl?: string;
}

const TITLES: Readonly<Record<StetVersion, string>> = {
  v1: 'PSD2 ASPSP services for AISP, PISP and PIISP.',
  'v1.4.2': 'PSD2 ASPSP services for AISP, PISP and CBPII.',
};

/**
 * The OpenAPI 3.1 document of one STET version as openstet serves it, built from the operations table and
 * the schemas that validate requests. OpenAPI 3.1 because its schemas are JSON Schema 2020-12, as TypeBox
 * writes them (`anyOf`, `const`, no `nullable`), and it has the `mutualTLS` security scheme. Paths are the
 * operations served; `components.schemas` holds every STET resource of the version, served or not.
 */
export function openApiDocument(version: StetVersion, options: OpenApiOptions = {}) {
  const operations = (STET_OPERATIONS as readonly StetOperation[]).filter((op) =>
    op.versions.includes(version),
  );
  const schemas = new ComponentSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    const item = paths[operation.path] as Record<string, unknown>;
    item[operation.method.toLowerCase()] = operationObject(operation, version, schemas);
  }
  for (const resource of STET_RESOURCES[version]) schemas.reference(resource);
  return {
    openapi: '3.1.0',
    info: {
      title: TITLES[version],
      version: STET_VERSION_LABELS[version],
      description: description(version, operations),
    },
    servers: [{ url: options.serverUrl ?? stetBasePath(version) }],
    paths,
    components: {
      schemas: schemas.all(),
      parameters: parameters(version),
      headers: RESPONSE_HEADERS,
      securitySchemes: securitySchemes({
        authorizationUrl: options.authorizationUrl ?? 'https://localhost:8443/authorize',
        tokenUrl: options.tokenUrl ?? 'https://localhost:8444/token',
      } satisfies SecurityUrls),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

function description(version: StetVersion, operations: readonly StetOperation[]): string {
  const served = operations.map((op) => `${op.method} ${op.path}`).join(', ');
  return [
    `The STET PSD2 API ${STET_VERSION_LABELS[version]} as the openstet bank serves it, generated from the schemas that validate its requests.`,
    `Served paths: ${served}. components.schemas holds the STET resources of the version, to compare with the STET specification.`,
    'Every call: eIDAS QWAC mutual TLS, a QSealC HTTP signature (STET Part I §3.5) over (request-target), Date, Content-Type, X-Request-ID, Digest and the PSU-* headers, and a Bearer token. Every error is an ErrorModel whose `error` is listed per response (x-stet-error-codes).',
    ...(version === 'v1.4.2'
      ? [
          'STET 1.4.2 types AmountType.amount as a number: this bank reads a number or the decimal text, and answers a number.',
        ]
      : []),
  ].join('\n\n');
}

function parameters(version: StetVersion) {
  const ids = (Object.keys(STET_PARAMETERS) as (keyof typeof STET_PARAMETERS)[]).filter((id) => {
    const parameter = STET_PARAMETERS[id];
    return (
      parameter.versions.includes(version) && !['Authorization', 'Content-Type'].includes(parameter.name)
    );
  });
  return Object.fromEntries(
    ids.map((id) => {
      const { name, in: where, required, description: text, schema } = STET_PARAMETERS[id];
      return [id, { name, in: where, required, description: text, schema: structuredClone(schema) }];
    }),
  );
}
