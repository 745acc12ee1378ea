import { readFileSync } from 'node:fs';
import type { StetVersion } from '@openstet/protocol';
import { Ajv } from 'ajv';
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
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile({ ...(schema as object), components });
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

const swagger = parse(
  readFileSync(
    new URL('../../../protocol/test/stet-reference/stet-psd2-v1.4.0.47.yaml', import.meta.url),
    'utf8',
  ),
) as { definitions: Record<string, unknown> };

/** What is wrong with a body against STET's 1.4.0.47 Swagger definition `name`; undefined when valid. */
export function swaggerErrors(name: string, body: unknown): string | undefined {
  // Swagger 2.0 patterns are ECMA 262 without the u flag: STET writes `\-` outside a class.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile({ $ref: `#/definitions/${name}`, definitions: swagger.definitions });
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

export type { StetVersion };
