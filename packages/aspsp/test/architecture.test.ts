import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { STET_ERROR_CODES } from '@openstet/protocol';

const SOURCE = new URL('../src/', import.meta.url).pathname;
const CORE = join(SOURCE, 'core');

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

const coreFiles = files(CORE).filter((file) => file.endsWith('.ts'));
const importsOf = (text: string) =>
  [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );

describe('core/ owns the rules and knows no standard, transport or store (ADR 0005)', () => {
  test('core/ imports nothing from standards/, http/, store/, bank/, oauth/, Fastify or a database driver', () => {
    const forbidden =
      /\/(standards|http|store|bank|oauth|trust|admin)\/|^(fastify|kysely|pg|@electric-sql\/|@fastify\/|node:(fs|net|http|https|tls))/;
    const found = coreFiles.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => forbidden.test(specifier))
        .map((specifier) => `${relative(SOURCE, file)} imports ${specifier}`),
    );
    assert.deepEqual(found, []);
    assert.ok(coreFiles.length >= 15, 'the scan found the core');
  });

  test('no STET error code appears under core/: refusals are the core’s own words', () => {
    const codes = new Set(Object.keys(STET_ERROR_CODES));
    const found = coreFiles.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/'([A-Za-z_0-9]+)'/g)]
        .map((match) => match[1] ?? '')
        .filter((literal) => codes.has(literal))
        .map((literal) => `${relative(SOURCE, file)}: '${literal}'`),
    );
    assert.deepEqual(found, []);
    assert.ok(codes.has('NGAC') && codes.has('AC01'), 'the catalogue is the one the adapter uses');
  });
});
