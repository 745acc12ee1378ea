import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { openApiDocument, STET_VERSIONS } from '../src/index.ts';
import { references, resolve } from './document-schemas.ts';

const committed = (version: string): unknown =>
  JSON.parse(readFileSync(new URL(`../openapi/stet-psd2-${version}.json`, import.meta.url), 'utf8'));

describe('the OpenAPI documents generated from the operations table and the schemas', () => {
  for (const version of STET_VERSIONS) {
    test(`the committed ${version} document equals a freshly generated one (key order included)`, () => {
      // Compared as JSON values in key order: the committed file is laid out by Biome, not by JSON.stringify.
      assert.equal(
        JSON.stringify(committed(version)),
        JSON.stringify(openApiDocument(version)),
        'stale: run npm run openapi',
      );
    });

    test(`every $ref of the ${version} document resolves inside it`, () => {
      const document = openApiDocument(version);
      const unresolved = [...new Set(references(document))].filter(
        (ref) => resolve(document, ref) === undefined,
      );
      assert.deepEqual(unresolved, []);
    });
  }

  test('each document names its STET release, its base path and what it serves', () => {
    const v1 = openApiDocument('v1');
    const v142 = openApiDocument('v1.4.2');
    assert.equal(v1.openapi, '3.1.0');
    assert.deepEqual([v1.info.version, v142.info.version], ['1.4.0.47', '1.4.2']);
    assert.deepEqual(v1.servers, [{ url: '/stet/psd2/v1' }]);
    assert.deepEqual(v142.servers, [{ url: '/stet/psd2/v1.4.2' }]);
    const accountPaths = [
      '/accounts',
      '/accounts/{accountResourceId}/balances',
      '/accounts/{accountResourceId}/transactions',
      '/consents',
      '/trusted-beneficiaries',
    ];
    const paymentPaths = [
      '/payment-requests',
      '/payment-requests/{paymentRequestResourceId}',
      '/payment-requests/{paymentRequestResourceId}/confirmation',
    ];
    assert.deepEqual(Object.keys(v1.paths), ['/funds-confirmations', ...accountPaths, ...paymentPaths]);
    assert.deepEqual(Object.keys(v142.paths), [
      '/funds-confirmations',
      ...accountPaths,
      '/end-user-identity',
      ...paymentPaths,
      '/payment-requests/{paymentRequestResourceId}/o-confirmation',
    ]);
    assert.match(v1.info.description, /Served paths: POST \/funds-confirmations, GET \/accounts,/);
  });

  test('a bank serves the document with its own URLs', () => {
    const document = openApiDocument('v1.4.2', {
      serverUrl: 'https://www.13807.bank.example:8444/stet/psd2/v1.4.2',
      authorizationUrl: 'https://www.13807.bank.example/authorize',
      tokenUrl: 'https://www.13807.bank.example:8444/token',
    });
    assert.deepEqual(document.servers, [{ url: 'https://www.13807.bank.example:8444/stet/psd2/v1.4.2' }]);
    const flow = document.components.securitySchemes.accessCode.flows.authorizationCode;
    assert.deepEqual(
      [
        flow.authorizationUrl,
        flow.tokenUrl,
        document.components.securitySchemes.clientCredentials.flows.clientCredentials.tokenUrl,
      ],
      [
        'https://www.13807.bank.example/authorize',
        'https://www.13807.bank.example:8444/token',
        'https://www.13807.bank.example:8444/token',
      ],
    );
  });

  test('the funds confirmation lists its error codes by status, and takes a cbpii or piisp token over mTLS', () => {
    const operation = openApiDocument('v1').paths['/funds-confirmations']?.post as {
      responses: Record<string, { 'x-stet-error-codes'?: string[] }>;
      security: unknown;
    };
    const codes = Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        response['x-stet-error-codes'] ?? [],
      ]),
    );
    assert.deepEqual(codes, {
      '200': [],
      '400': [
        'FF01',
        'AC01',
        'AC04',
        'AM03',
        'HEADER_INVALID',
        'SIGNATURE_INVALID',
        'DIGEST_INVALID',
        'REQUEST_REPLAYED',
        'BAD_REQUEST',
      ],
      '401': ['CERTIFICATE_REQUIRED', 'TOKEN_INVALID'],
      '403': [
        'AC06',
        'NGAC',
        'IPSU',
        'BADS',
        'CERTIFICATE_INVALID',
        'CERTIFICATE_REVOKED',
        'TPP_NOT_LICENSED',
        'LICENCE_WITHDRAWN',
        'ROLE_MISSING',
      ],
      '405': ['NIMP'],
      '413': ['BODY_TOO_LARGE'],
      '415': ['UNSUPPORTED_MEDIA_TYPE'],
      '421': ['MISDIRECTED_REQUEST'],
      '429': ['TMRQ'],
      '500': ['INTE'],
      '503': ['INTS', 'REVOCATION_UNAVAILABLE'],
    });
    assert.deepEqual(operation.security, [
      { mutualTLS: [], accessCode: ['cbpii'] },
      { mutualTLS: [], accessCode: ['piisp'] },
    ]);
  });
});
