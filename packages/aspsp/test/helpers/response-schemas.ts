import { readFileSync } from 'node:fs';
import type { StetVersion } from '@openstet/protocol';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Document = {
  readonly paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  readonly components: { readonly schemas: Record<string, unknown> };
};

/**
 * What is wrong with a 2xx body against the OpenAPI document a bank serves (`GET …/openapi.json`): the
 * schema of `method path`'s success answer, with the document's components; undefined when it is valid.
 */
export function servedSchemaErrors(
  document: unknown,
  method: string,
  path: string,
  status: number,
  body: unknown,
): string | undefined {
  const { paths, components } = document as Document;
  const content = paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content;
  const schema = content && Object.values(content)[0]?.schema;
  if (!schema) return `the document has no ${status} schema for ${method} ${path}`;
  // Compiling is the slow part: once per document and answer.
  const compiled = served.get(document as object) ?? new Map<string, ValidateFunction>();
  served.set(document as object, compiled);
  const key = `${method} ${path} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = new2020().compile({ ...(schema as object), components });
    compiled.set(key, validate);
  }
  return validate(body) ? undefined : errorsText(validate);
}

const served = new WeakMap<object, Map<string, ValidateFunction>>();

function new2020(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

const errorsText = (validate: ValidateFunction) =>
  (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`).join('; ');

const swagger = parse(
  readFileSync(
    new URL('../../../protocol/test/stet-reference/stet-psd2-v1.4.0.47.yaml', import.meta.url),
    'utf8',
  ),
) as { definitions: Record<string, unknown> };

// Swagger 2.0 patterns are ECMA 262 without the u flag: STET writes `\-` outside a class.
const swaggerAjv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats.default(swaggerAjv);
swaggerAjv.addSchema({ $id: 'stet', definitions: swagger.definitions });

/** What is wrong with a body against STET's 1.4.0.47 Swagger definition `name`; undefined when valid. */
export function swaggerErrors(name: string, body: unknown): string | undefined {
  const validate = swaggerAjv.getSchema(`stet#/definitions/${name}`);
  if (!validate) return `the Swagger has no definition ${name}`;
  return validate(body) ? undefined : errorsText(validate);
}

export type { StetVersion };
