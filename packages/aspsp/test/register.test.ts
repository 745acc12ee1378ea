import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isErrorModel } from '@openstet/protocol';
import fc from 'fast-check';
import { hostileBody } from './helpers/hostile-input.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { licence, type TppCredentials } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader } from './helpers/tpp-request.ts';

for (const engine of ENGINES) {
  describe(`POST /register: redirect URIs and the QSealC of the TPP (${engine})`, () => {
    let bank: InjectApp;
    let acme: TppCredentials;
    before(async () => {
      bank = await injectApp(engine);
      acme = bank.pki.acme;
      await bank.app.registry.save(licence(acme));
    });
    after(() => bank.close());

    const register = (body: unknown, certificate = acme.qwac.certificatePem) =>
      bank.app.mtls.inject({
        method: 'POST',
        url: '/register',
        headers: { 'content-type': 'application/json', ...proxyCertificateHeader(certificate) },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const valid = (overrides: Record<string, unknown> = {}) => ({
      redirect_uris: ['https://acme.example/callback', 'http://localhost:3000/cb'],
      client_name: 'Acme Cards',
      signing_certificate: acme.qseal.certificatePem,
      ...overrides,
    });
    const refusal = async (body: unknown, certificate?: string) => {
      const response = await register(body, certificate);
      const error = response.json();
      assert.ok(isErrorModel(error), response.body);
      return `${response.statusCode} ${error.error}: ${error.message}`;
    };

    test('registers with client_id = the organizationIdentifier of the QWAC; posting again replaces it', async () => {
      const first = await register(valid());
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['cache-control'], 'no-store');
      const created = first.json();
      assert.equal(created.client_id, 'PSDFR-ACPR-12345');
      assert.equal(created.token_endpoint_auth_method, 'tls_client_auth');
      assert.deepEqual(created.redirect_uris, ['https://acme.example/callback', 'http://localhost:3000/cb']);
      const second = await register(
        valid({
          client_name: 'Acme Cards Europe',
          redirect_uris: ['https://acme.example/v2'],
          signing_certificate_url: 'https://acme.example/qseal.pem',
        }),
      );
      assert.equal(second.statusCode, 201);
      assert.equal(second.json().client_name, 'Acme Cards Europe');
      assert.equal(second.json().client_id_issued_at, created.client_id_issued_at);
      assert.equal(second.json().signing_certificate_url, 'https://acme.example/qseal.pem');
    });

    test('a QSealC of another organisation, a QWAC, or a QSealC from an untrusted CA is refused', async () => {
      assert.equal(
        await refusal(valid({ signing_certificate: bank.pki.budget.qseal.certificatePem })),
        '400 invalid_client_metadata: signing_certificate belongs to PSDFR-ACPR-67890, not PSDFR-ACPR-12345',
      );
      assert.equal(
        await refusal(valid({ signing_certificate: acme.qwac.certificatePem })),
        '400 invalid_client_metadata: signing_certificate must be a QSealC (QcType eseal)',
      );
      assert.equal(
        await refusal(valid({ signing_certificate: bank.pki.acmeWeakQseal.certificatePem })),
        '400 invalid_client_metadata: signing_certificate has an RSA key under 2048 bits',
      );
      assert.equal(
        await refusal(valid({ signing_certificate: bank.pki.rogue.qseal.certificatePem })),
        '400 invalid_client_metadata: signing_certificate is not issued by a QTSP CA this bank trusts',
      );
      assert.equal(
        await refusal(
          valid({ signing_certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }),
        ),
        '400 invalid_client_metadata: signing_certificate is not a readable X.509 certificate',
      );
    });

    test('redirect URIs must be https without fragment (http only on loopback), at most 140 characters', async () => {
      const uri = (value: unknown) => refusal(valid({ redirect_uris: [value] }));
      assert.equal(
        await uri('http://acme.example/cb'),
        '400 invalid_redirect_uri: redirect_uris[0] must use https (http only for localhost or 127.0.0.1)',
      );
      assert.equal(
        await uri('https://acme.example/cb#frag'),
        '400 invalid_redirect_uri: redirect_uris[0] must not contain a fragment (RFC 6749 §3.1.2)',
      );
      assert.equal(
        await uri('/relative'),
        '400 invalid_redirect_uri: redirect_uris[0] is not an absolute URL',
      );
      assert.equal(
        await uri(`https://acme.example/${'a'.repeat(130)}`),
        '400 invalid_redirect_uri: redirect_uris[0] is longer than 140 characters',
      );
      assert.equal(
        await refusal(valid({ redirect_uris: [] })),
        '400 invalid_redirect_uri: redirect_uris must be a non-empty array of URLs',
      );
      assert.equal(
        await refusal(valid({ client_name: ' ' })),
        '400 invalid_client_metadata: client_name must be a non-empty string of at most 140 characters (shown to customers)',
      );
      assert.equal(
        await refusal('[1,2]'),
        '400 invalid_client_metadata: Body must be a JSON object with redirect_uris, client_name and signing_certificate',
      );
      assert.equal(await refusal('{"redirect_uris":'), '400 FF01: Request body is not valid JSON (RFC 8259)');
    });

    test('a signing_certificate over 16 KiB is refused before any parsing: thousands of BEGIN lines cost nothing (review finding 2)', async () => {
      const hostile = `-----BEGIN CERTIFICATE-----${'-----BEGIN A-----'.repeat(15_000)}`;
      assert.equal(
        await refusal(valid({ signing_certificate: hostile })),
        '400 invalid_client_metadata: signing_certificate is longer than 16384 characters: send your QSealC alone',
      );
    });

    test('a control character in any field is refused at the edge, never stored (review finding 5)', async () => {
      assert.equal(
        await refusal(valid({ client_name: 'Acme\u0000Cards' })),
        '400 FF01: client_name in the body holds a control character: remove it',
      );
      assert.equal(
        await refusal(valid({ redirect_uris: ['https://acme.example/cb\u0007'] })),
        '400 FF01: redirect_uris[0] in the body holds a control character: remove it',
      );
      assert.equal(
        (await register(valid())).statusCode,
        201,
        'line feeds in the PEM are not control characters here',
      );
    });

    test('redirect URIs with user information are refused: user:password@ hides the real host (review finding 12)', async () => {
      for (const uri of [
        'https://user:pass@acme.example/cb',
        'https://acme.example@evil.example/cb',
        'https://@acme.example/cb',
      ]) {
        assert.equal(
          await refusal(valid({ redirect_uris: [uri] })),
          '400 invalid_redirect_uri: redirect_uris[0] must not contain user information (user:password@)',
          uri,
        );
      }
      assert.equal(
        (await register(valid({ redirect_uris: ['https://acme.example/cb?next=a@b'] }))).statusCode,
        201,
      );
    });

    test('only a licensed TPP may register', async () => {
      assert.equal(
        await refusal(valid(), bank.pki.budget.qwac.certificatePem),
        '403 TPP_NOT_LICENSED: PSDFR-ACPR-67890 is not in the register of licensed TPPs (REGAFI / EBA register)',
      );
    });

    test('random and hostile bodies (control characters, deep nesting) always get a 4xx ErrorModel with X-Request-ID, never a 5xx (property)', async () => {
      const field = fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.webUrl(),
        fc.constant(acme.qseal.certificatePem),
      );
      const body = fc.oneof(
        fc.json(),
        fc.string(),
        hostileBody({
          redirect_uris: ['https://acme.example/callback'],
          client_name: 'Acme Cards',
          signing_certificate: acme.qseal.certificatePem,
          signing_certificate_url: 'https://acme.example/qseal.pem',
        }),
        fc
          .record(
            {
              redirect_uris: fc.oneof(
                field,
                fc.array(fc.oneof(fc.webUrl({ withFragments: true }), fc.string())),
              ),
              client_name: field,
              signing_certificate: field,
            },
            { requiredKeys: [] },
          )
          .map((value) => JSON.stringify(value)),
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const response = await register(payload);
          assert.ok(response.headers['x-request-id']);
          if (response.statusCode === 201) return;
          assert.ok(
            response.statusCode >= 400 && response.statusCode < 500,
            `${response.statusCode} for ${payload}`,
          );
          assert.ok(isErrorModel(response.json()), response.body);
        }),
        { numRuns: 300 },
      );
    });
  });
}
