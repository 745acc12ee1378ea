import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { openApiDocument } from '../src/index.ts';
import { compareDefinitions, type Definitions } from './swagger-compare.ts';
import { EXPECTED_DIFFERENCES, UNCOVERED_DEFINITIONS } from './swagger-differences.ts';

const swagger = parse(
  readFileSync(new URL('./stet-reference/stet-psd2-v1.4.0.47.yaml', import.meta.url), 'utf8'),
) as {
  info: { version: string };
  definitions: Definitions;
};
const components = openApiDocument('v1').components.schemas as Definitions;

describe("the 1.4.0.47 document's components against STET's 1.4.0.47 Swagger definitions", () => {
  test('the reference is the 1.4.0.47 Swagger', () => {
    assert.equal(swagger.info.version, '1.4.0.47');
    assert.equal(Object.keys(swagger.definitions).length, 61);
  });

  test('every difference is listed with its reason, and every listed difference still exists', () => {
    const found = Object.fromEntries(compareDefinitions(swagger.definitions, components));
    const listed = Object.fromEntries(
      Object.entries(EXPECTED_DIFFERENCES).map(([at, { swagger: left, document }]) => [
        at,
        { swagger: left, document },
      ]),
    );
    const unlisted = Object.keys(found).filter((at) => !(at in listed));
    const stale = Object.keys(listed).filter((at) => !(at in found));
    assert.deepEqual({ unlisted, stale }, { unlisted: [], stale: [] }, 'update test/swagger-differences.ts');
    assert.deepEqual(found, listed);
  });

  test('the definitions the document does not cover are exactly the listed ones', () => {
    const uncovered = Object.keys(swagger.definitions).filter((name) => !(name in components));
    assert.deepEqual(uncovered, UNCOVERED_DEFINITIONS);
  });

  test('the document adds no component of its own to the 1.4.0.47 definitions', () => {
    assert.deepEqual(
      Object.keys(components).filter((name) => !(name in swagger.definitions)),
      [],
    );
  });

  test('the comparison sees a changed length, a removed field and a changed required list', () => {
    const altered = structuredClone(components) as Record<string, Record<string, unknown>>;
    const link = altered.GenericLink as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    (link.properties.href as Record<string, unknown>).maxLength = 70;
    delete link.properties.templated;
    link.required = [];
    const found = Object.fromEntries(compareDefinitions(swagger.definitions, altered));
    assert.deepEqual(
      Object.keys(found).filter((at) => at.startsWith('GenericLink')),
      ['GenericLink.required', 'GenericLink.href.maxLength', 'GenericLink.templated'],
    );
  });
});
