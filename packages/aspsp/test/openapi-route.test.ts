import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiDocument, STET_VERSIONS } from '@openstet/protocol';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';

describe('the OpenAPI documents on the public listener (DESIGN.md "OpenAPI")', () => {
  let bank: InjectApp;
  before(async () => {
    bank = await injectApp('PGlite');
  });
  after(() => bank.close());

  test('GET /stet/psd2/<version>/openapi.json is the generated document, with the establishment’s URLs, no X-Request-ID needed', async () => {
    for (const version of STET_VERSIONS) {
      const configured = bank.app.endpoints.current();
      for (const [host, publicUrl, mtlsUrl] of [
        ['localhost', configured.publicUrl, configured.mtlsUrl],
        // 16807's own URLs, from the configured https://bank.example and https://api.bank.example.
        ['www.16807.localhost', 'https://www.16807.bank.example', 'https://www.16807.api.bank.example'],
      ] as const) {
        const response = await bank.app.public.inject({
          method: 'GET',
          url: `/stet/psd2/${version}/openapi.json`,
          headers: { host },
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.match(String(response.headers['content-type']), /^application\/json/);
        assert.deepEqual(
          response.json(),
          openApiDocument(version, {
            serverUrl: `${mtlsUrl}/stet/psd2/${version}`,
            authorizationUrl: `${publicUrl}/authorize`,
            tokenUrl: `${mtlsUrl}/token`,
          }),
        );
        assert.ok(response.json().paths['/funds-confirmations'].post, 'the funds check is described');
      }
    }
  });

  test('a version the bank does not serve has no document: 404', async () => {
    const unknown = await bank.app.public.inject({ method: 'GET', url: '/stet/psd2/v2/openapi.json' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error, 'NOT_FOUND');
  });
});
