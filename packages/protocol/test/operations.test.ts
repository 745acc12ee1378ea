import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isPsd2Role,
  isStetErrorCode,
  isStetScope,
  openApiDocument,
  STET_OPERATIONS,
  STET_PARAMETERS,
  type StetOperation,
  stetOperation,
} from '../src/index.ts';

const operations = STET_OPERATIONS as readonly StetOperation[];

describe('the STET operations table', () => {
  test('operation ids are unique and every path starts with /', () => {
    const ids = operations.map((operation) => operation.id);
    assert.deepEqual([...new Set(ids)], ids);
    assert.deepEqual(
      operations.filter((operation) => !operation.path.startsWith('/')).map((operation) => operation.id),
      [],
    );
  });

  test('the bank serves POST /funds-confirmations on both versions, for PSP_IC with cbpii or piisp, signed', () => {
    const funds = stetOperation('fundsConfirmationsPost');
    assert.deepEqual(
      {
        method: funds.method,
        path: funds.path,
        versions: funds.versions,
        role: funds.role,
        scopes: funds.scopes,
        signedResponse: funds.signedResponse,
        success: funds.responses.success.status,
      },
      {
        method: 'POST',
        path: '/funds-confirmations',
        versions: ['v1', 'v1.4.2'],
        role: 'PSP_IC',
        scopes: ['cbpii', 'piisp'],
        signedResponse: true,
        success: 200,
      },
    );
    assert.deepEqual(funds.responses.success.headers, ['Digest', 'Signature']);
  });

  test('roles, scopes, parameters and error codes are known ones', () => {
    for (const operation of operations) {
      assert.ok(isPsd2Role(operation.role), operation.id);
      assert.deepEqual(
        operation.scopes.filter((scope) => !isStetScope(scope)),
        [],
        operation.id,
      );
      assert.deepEqual(
        operation.parameters.filter((id) => !(id in STET_PARAMETERS)),
        [],
        operation.id,
      );
      assert.deepEqual(
        operation.responses.errors.filter((code) => !isStetErrorCode(code)),
        [],
        operation.id,
      );
      assert.deepEqual(
        [...new Set(operation.responses.errors)],
        operation.responses.errors,
        `${operation.id}: a code listed twice`,
      );
    }
  });

  test('the signed headers of STET Part I §3.5 are required on every operation, Digest and Content-Type with a body', () => {
    for (const operation of operations) {
      const required = operation.parameters
        .map((id) => STET_PARAMETERS[id])
        .filter((parameter) => parameter.required && parameter.in === 'header')
        .map((parameter) => parameter.name);
      const withBody = operation.requestBody ? ['Digest', 'Content-Type'] : [];
      assert.deepEqual(
        required,
        ['Authorization', 'Signature', 'X-Request-ID', 'Date', ...withBody],
        operation.id,
      );
    }
  });

  test("every operation's schemas exist for each of its versions and are components of that version's document", () => {
    for (const operation of operations) {
      for (const version of operation.versions) {
        const document = openApiDocument(version);
        const method = operation.method.toLowerCase();
        const published = (document.paths[operation.path]?.[method] ?? {}) as {
          requestBody?: { content: Record<string, { schema: { $ref: string } }> };
          responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
        };
        const pairs = [
          [
            operation.requestBody?.schemas[version],
            published.requestBody?.content['application/json']?.schema.$ref,
          ],
          [
            operation.responses.success.schemas?.[version],
            published.responses[String(operation.responses.success.status)]?.content?.[
              operation.responses.success.mediaType
            ]?.schema.$ref,
          ],
        ] as const;
        if (operation.requestBody) assert.ok(pairs[0][0], `${operation.id} has no ${version} request schema`);
        if (operation.responses.success.schemas)
          assert.ok(pairs[1][0], `${operation.id} has no ${version} answer schema`);
        for (const [schema, ref] of pairs) {
          if (!schema) continue;
          const title = (schema as { title?: string }).title ?? 'untitled';
          assert.equal(ref, `#/components/schemas/${title}`, `${operation.id} ${version}`);
          assert.ok(title in document.components.schemas, `${operation.id} ${version}: ${title}`);
        }
      }
    }
  });

  test('stetOperation refuses an id the table does not hold', () => {
    assert.throws(
      () => stetOperation('paymentRequestTransactionsGet' as 'fundsConfirmationsPost'),
      /No STET operation paymentRequestTransactionsGet/,
    );
  });
});
