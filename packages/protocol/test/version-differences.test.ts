import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApiDocument } from '../src/index.ts';
import { compareDefinitions, type Definitions } from './swagger-compare.ts';
import { STET_142_CHANGES, STET_142_COMPONENTS } from './version-differences.ts';

const v1 = openApiDocument('v1').components.schemas as Definitions;
const v142 = openApiDocument('v1.4.2').components.schemas as Definitions;

describe('the 1.4.2 document against the 1.4.0.47 one', () => {
  test('they differ exactly by the listed STET 1.4.2 changes', () => {
    const found = [...compareDefinitions(v1, v142).keys()].sort();
    const listed = STET_142_CHANGES.flatMap((group) => group.differences).sort();
    assert.deepEqual(found, listed);
  });

  test('1.4.2 adds exactly the listed components and removes none', () => {
    assert.deepEqual(
      Object.keys(v142).filter((name) => !(name in v1)),
      STET_142_COMPONENTS,
    );
    assert.deepEqual(
      Object.keys(v1).filter((name) => !(name in v142)),
      [],
    );
  });
});
