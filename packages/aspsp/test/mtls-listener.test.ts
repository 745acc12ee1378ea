import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { isErrorModel, readEidasCertificate, serialAndIssuerKeyId } from '@openstet/protocol';
import type { App } from '../src/app.ts';
import { type HttpsCall, type HttpsResponse, httpsCall } from './helpers/https-client.ts';
import { licence, type TestPki, testPki } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { type SignedRequestOptions, signedHeaders } from './helpers/tpp-request.ts';

const FUNDS = '/stet/psd2/v1.4.2/test-funds-confirmations';
const PAYMENTS = '/stet/psd2/v1.4.2/test-payment-requests';
const BODY = JSON.stringify({
  paymentCoverageRequestId: 'MyCoverage123456',
  instructedAmount: { currency: 'EUR', amount: '123.45' },
  accountId: { iban: 'FR7613807008043001965405158' },
});

/** Routes the test registers itself behind the full trust chain. */
function routes(app: App): void {
  app.mtls.post(FUNDS, app.trust.stetRoute({ role: 'PSP_IC', signResponse: true }), async () => ({
    result: true,
  }));
  app.mtls.post(PAYMENTS, app.trust.stetRoute({ role: 'PSP_PI' }), async () => ({ created: true }));
}

for (const engine of ENGINES) {
  describe(`the mTLS listener over real TLS (${engine})`, () => {
    let bank: TestServer;
    let pki: TestPki;
    const agent = new Agent({ keepAlive: true });
    before(async () => {
      pki = await testPki();
      bank = await startTestServer(engine, routes);
      await bank.server.app.registry.save(licence(pki.acme));
    });
    after(async () => {
      agent.destroy();
      await bank.close();
    });

    const asAcme = (path: string, call: Omit<HttpsCall, 'ca'> = {}): Promise<HttpsResponse> =>
      httpsCall(`${bank.server.mtlsUrl}${path}`, {
        ca: pki.ca.certificatePem,
        cert: pki.acme.qwac.certificatePem,
        key: pki.acme.qwac.privateKeyPem,
        agent,
        ...call,
      });
    const signedCall = async (path: string, options: Partial<SignedRequestOptions> = {}) => {
      const body = options.body ?? BODY;
      return asAcme(path, {
        method: 'POST',
        body,
        headers: await signedHeaders(pki.acme, { method: 'POST', url: path, body, ...options }),
      });
    };
    const error = (response: HttpsResponse) => {
      const body = JSON.parse(response.body);
      assert.ok(isErrorModel(body), response.body);
      return { status: response.status, error: body.error, message: body.message };
    };

    test('POST /register over mTLS registers the QSealC and refuses a QSealC of another organisation', async () => {
      const register = (qseal: string) =>
        asAcme('/register', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            redirect_uris: ['https://acme.example/cb'],
            client_name: 'Acme Cards',
            signing_certificate: qseal,
          }),
        });
      const foreign = await register(pki.budget.qseal.certificatePem);
      assert.deepEqual(error(foreign), {
        status: 400,
        error: 'invalid_client_metadata',
        message: 'signing_certificate belongs to PSDFR-ACPR-67890, not PSDFR-ACPR-12345',
      });
      const registered = await register(pki.acme.qseal.certificatePem);
      assert.equal(registered.status, 201, registered.body);
      assert.equal(JSON.parse(registered.body).client_id, 'PSDFR-ACPR-12345');
    });

    test('no client certificate: the TLS handshake is refused', async () => {
      await assert.rejects(
        httpsCall(`${bank.server.mtlsUrl}${FUNDS}`, {
          ca: pki.ca.certificatePem,
          method: 'POST',
          body: BODY,
        }),
        (reason: Error) => {
          assert.match(
            `${reason.message} ${(reason as NodeJS.ErrnoException).code}`,
            /ALERT_CERTIFICATE_REQUIRED/,
          );
          return true;
        },
      );
    });

    test('a client certificate from an unknown CA: the TLS handshake is refused', async () => {
      const rogue = pki.rogue;
      await assert.rejects(
        httpsCall(`${bank.server.mtlsUrl}${FUNDS}`, {
          ca: pki.ca.certificatePem,
          cert: rogue.qwac.certificatePem,
          key: rogue.qwac.privateKeyPem,
          method: 'POST',
          body: BODY,
        }),
        (reason: Error) => {
          assert.match(
            `${reason.message} ${(reason as NodeJS.ErrnoException).code}`,
            /UNKNOWN_CA|ECONNRESET/,
          );
          return true;
        },
      );
    });

    test('a licensed TPP with a correctly signed request to a test route gets 200 with X-Request-ID and a signed response', async () => {
      const response = await signedCall(FUNDS, {
        headers: { 'x-request-id': 'tls-ok-1', 'psu-ip-address': '192.0.2.1' },
      });
      assert.equal(response.status, 200, response.body);
      assert.deepEqual(JSON.parse(response.body), { result: true });
      assert.equal(response.headers['x-request-id'], 'tls-ok-1');
      assert.match(
        String(response.headers.signature),
        /^keyId="SN=[0-9A-F]+,CA=CN=openstet Test QTSP CA,O=openstet sandbox,C=FR",algorithm="rsa-sha256",headers="date digest x-request-id"/,
      );
    });

    test('missing signature, wrong digest, wrong key, unknown keyId, unsigned psu-ip-address: 400 with distinct messages', async () => {
      const cases = [
        await asAcme(FUNDS, {
          method: 'POST',
          body: BODY,
          headers: { 'x-request-id': 'tls-1', 'content-type': 'application/json' },
        }),
        await asAcme(FUNDS, {
          method: 'POST',
          body: BODY,
          headers: {
            ...(await signedHeaders(pki.acme, { method: 'POST', url: FUNDS, body: '{}' })),
            'x-request-id': 'tls-2',
          },
        }),
        await signedCall(FUNDS, {
          privateKeyPem: pki.budget.qseal.privateKeyPem,
          headers: { 'x-request-id': 'tls-3' },
        }),
        await signedCall(FUNDS, {
          keyId: serialAndIssuerKeyId(readEidasCertificate(pki.budget.qseal.certificatePem)),
          headers: { 'x-request-id': 'tls-4' },
        }),
        await signedCall(FUNDS, {
          headers: { 'x-request-id': 'tls-5', 'psu-ip-address': '192.0.2.1' },
          signedHeaders: ['(request-target)', 'x-request-id', 'digest'],
        }),
      ];
      const outcomes = cases.map(error);
      assert.deepEqual(
        outcomes.map((outcome) => `${outcome.status} ${outcome.error}`),
        [
          '400 SIGNATURE_INVALID',
          '400 DIGEST_INVALID',
          '400 SIGNATURE_INVALID',
          '400 SIGNATURE_INVALID',
          '400 SIGNATURE_INVALID',
        ],
      );
      assert.equal(new Set(outcomes.map((outcome) => outcome.message)).size, 5, JSON.stringify(outcomes));
      assert.deepEqual(
        cases.map((response) => response.headers['x-request-id']),
        ['tls-1', 'tls-2', 'tls-3', 'tls-4', 'tls-5'],
      );
    });

    test('a route needing a role the TPP lacks: 403 naming the role', async () => {
      const response = await signedCall(PAYMENTS, { headers: { 'x-request-id': 'tls-role' } });
      assert.deepEqual(error(response), {
        status: 403,
        error: 'ROLE_MISSING',
        message: 'Your QWAC does not carry the PSD2 role PSP_PI this endpoint needs',
      });
      assert.equal(response.headers['x-request-id'], 'tls-role');
    });

    test('a withdrawn licence: 403 on the same keep-alive connection, restored when licensed again', async () => {
      assert.equal((await signedCall(FUNDS)).status, 200);
      await bank.server.app.registry.save(licence(pki.acme, { status: 'withdrawn' }));
      const response = await signedCall(FUNDS, { headers: { 'x-request-id': 'tls-withdrawn' } });
      assert.deepEqual(error(response), {
        status: 403,
        error: 'LICENCE_WITHDRAWN',
        message: 'The licence of PSDFR-ACPR-12345 is withdrawn in the register: access refused',
      });
      assert.equal(response.headers['x-request-id'], 'tls-withdrawn');
      await bank.server.app.registry.save(licence(pki.acme));
      assert.equal((await signedCall(FUNDS)).status, 200);
    });
  });
}
