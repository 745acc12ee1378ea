import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  isErrorModel,
  readEidasCertificate,
  serialAndIssuerKeyId,
  verifyMessageSignature,
} from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/app.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { licence, type TppCredentials } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { proxyCertificateHeader, type SignedRequestOptions, signedHeaders } from './helpers/tpp-request.ts';

const ECHO = '/stet/psd2/v1/test-echo';
const PAYMENTS = '/stet/psd2/v1/test-payments';
const BODY = '{"paymentCoverageRequestId":"MyCoverage123456"}';

function testRoutes(app: App): void {
  app.mtls.post(ECHO, app.trust.stetRoute({ role: 'PSP_IC', signResponse: true }), async (request) => ({
    organizationIdentifier: request.tpp?.organizationIdentifier,
    body: request.body,
  }));
  app.mtls.post(PAYMENTS, app.trust.stetRoute({ role: 'PSP_PI' }), async () => ({ ok: true }));
}

function errorOf(response: LightMyRequestResponse) {
  const body = response.json();
  assert.ok(isErrorModel(body), `not an ErrorModel: ${response.body}`);
  assert.ok(body.message.length <= 140);
  assert.equal(body.status, response.statusCode);
  return { status: response.statusCode, error: body.error, message: body.message };
}

for (const engine of ENGINES) {
  describe(`the TPP trust chain on every STET call (${engine})`, () => {
    let bank: InjectApp;
    let acme: TppCredentials;
    before(async () => {
      bank = await injectApp(engine, { extend: testRoutes });
      acme = bank.pki.acme;
      await bank.onboard(acme);
    });
    after(() => bank.close());

    const call = async (
      options: Partial<SignedRequestOptions> & {
        certificate?: string;
        unsigned?: Record<string, string>;
      } = {},
    ) => {
      const url = options.url ?? ECHO;
      const body = options.body ?? BODY;
      const headers =
        options.unsigned ?? (await signedHeaders(acme, { method: 'POST', url, body, ...options }));
      return bank.app.mtls.inject({
        method: 'POST',
        url,
        payload: body,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...proxyCertificateHeader(options.certificate ?? acme.qwac.certificatePem),
        },
      });
    };

    test('a licensed TPP with a correctly signed request gets 200, its X-Request-ID, and a response signed by the bank', async () => {
      const response = await call({
        headers: { 'x-request-id': 'acme-0001', 'psu-ip-address': '192.0.2.1' },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['x-request-id'], 'acme-0001');
      assert.deepEqual(response.json(), {
        organizationIdentifier: 'PSDFR-ACPR-12345',
        body: JSON.parse(BODY),
      });
      const seal = readEidasCertificate(bank.pki.bankSeal.certificatePem);
      const verified = await verifyMessageSignature(
        { headers: response.headers as Record<string, string> },
        response.headers.signature as string,
        {
          requiredHeaders: ['date', 'digest', 'x-request-id'],
          resolveKey: (keyId) => {
            assert.equal(keyId, serialAndIssuerKeyId(seal));
            return createPublicKey(bank.pki.bankSeal.certificatePem);
          },
        },
      );
      assert.deepEqual(verified.headers, ['date', 'digest', 'x-request-id']);
    });

    test('a TPP whose QSealC has an EC (P-256) key registers it and signs with ecdsa-sha256: 200', async () => {
      const ecAcme = { ...acme, qseal: bank.pki.acmeEcQseal };
      await bank.onboard(ecAcme);
      try {
        const response = await call({
          unsigned: await signedHeaders(ecAcme, { method: 'POST', url: ECHO, body: BODY }),
        });
        assert.equal(response.statusCode, 200, response.body);
        // The RSA QSealC is no longer the registered one: its keyId is unknown now.
        const replaced = errorOf(await call());
        assert.equal(replaced.error, 'SIGNATURE_INVALID');
        assert.match(replaced.message, /keyId matches no QSealC registered for PSDFR-ACPR-12345/);
      } finally {
        await bank.onboard(acme);
      }
    });

    test('a weak QSealC registered before the key rules signs nothing any more: 400 with what to do', async () => {
      const weak = bank.pki.acmeWeakQseal;
      // As it stands in the database since before the rules (POST /register now refuses it).
      await bank.app.services.clients.save({
        clientId: acme.organizationIdentifier,
        clientName: acme.name,
        redirectUris: ['https://tpp.example/callback'],
        signingCertificate: weak.certificatePem,
        signingCertificateUrl: undefined,
        requirePkce: false,
      });
      bank.app.services.signers.forget(acme.organizationIdentifier);
      try {
        const refused = errorOf(
          await call({
            unsigned: await signedHeaders(
              { ...acme, qseal: weak },
              { method: 'POST', url: ECHO, body: BODY },
            ),
          }),
        );
        assert.deepEqual(
          [refused.status, refused.error, refused.message],
          [
            400,
            'SIGNATURE_INVALID',
            'Your registered QSealC has an RSA key under 2048 bits: register a new one',
          ],
        );
      } finally {
        await bank.onboard(acme);
      }
    });

    test('each signature failure is a 400 whose message names the check that failed', async () => {
      const other = bank.pki.budget;
      const cases = {
        missing: await call({ unsigned: { 'x-request-id': 'r1' } }),
        malformed: await call({
          unsigned: { 'x-request-id': 'r2', digest: 'SHA-256=x', signature: 'keyId=' },
        }),
        wrongDigest: await call({
          unsigned: await signedHeaders(acme, { method: 'POST', url: ECHO, body: '{"other":1}' }),
        }),
        noDigest: await call({
          signedHeaders: ['(request-target)', 'x-request-id'],
          headers: { digest: '' },
        }),
        wrongKey: await call({ privateKeyPem: other.qseal.privateKeyPem }),
        unknownKeyId: await call({
          keyId: serialAndIssuerKeyId(readEidasCertificate(other.qseal.certificatePem)),
        }),
        unparsableKeyId: await call({ keyId: 'my-key' }),
        unsignedPsuHeader: await call({
          headers: { 'psu-ip-address': '192.0.2.1' },
          signedHeaders: ['(request-target)', 'date', 'content-type', 'x-request-id', 'digest'],
        }),
        staleDate: await call({ headers: { date: new Date(Date.now() - 3_600_000).toUTCString() } }),
      };
      const outcomes = Object.fromEntries(
        Object.entries(cases).map(([name, response]) => [name, errorOf(response)]),
      );
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(outcomes).map(([name, outcome]) => [name, `${outcome.status} ${outcome.error}`]),
        ),
        {
          missing: '400 SIGNATURE_INVALID',
          malformed: '400 SIGNATURE_INVALID',
          wrongDigest: '400 DIGEST_INVALID',
          noDigest: '400 DIGEST_INVALID',
          wrongKey: '400 SIGNATURE_INVALID',
          unknownKeyId: '400 SIGNATURE_INVALID',
          unparsableKeyId: '400 SIGNATURE_INVALID',
          unsignedPsuHeader: '400 SIGNATURE_INVALID',
          staleDate: '400 SIGNATURE_INVALID',
        },
      );
      assert.match(outcomes.missing?.message ?? '', /^Missing Signature header/);
      assert.match(outcomes.wrongDigest?.message ?? '', /^Digest SHA-256 does not match the body/);
      assert.match(outcomes.noDigest?.message ?? '', /^Missing Digest header/);
      assert.match(outcomes.wrongKey?.message ?? '', /does not verify with the registered QSealC/);
      assert.match(
        outcomes.unknownKeyId?.message ?? '',
        /keyId matches no QSealC registered for PSDFR-ACPR-12345/,
      );
      assert.match(outcomes.unparsableKeyId?.message ?? '', /keyId must read SN=<hex serial>,CA=<issuer DN>/);
      assert.match(outcomes.unsignedPsuHeader?.message ?? '', /must cover "psu-ip-address"/);
      assert.match(outcomes.staleDate?.message ?? '', /Date is more than 300 s away/);
      const messages = Object.values(outcomes).map((outcome) => outcome.message);
      assert.equal(new Set(messages).size, messages.length, 'every failure has its own message');
      for (const response of Object.values(cases)) assert.ok(response.headers['x-request-id']);
    });

    test('signed requests need freshness: Date and Content-Type signed, Date present, a replay refused (review finding 7, ADR 0004)', async () => {
      const signed = await signedHeaders(acme, { method: 'POST', url: ECHO, body: BODY });
      const { date: _date, ...undated } = signed;
      const all = ['(request-target)', 'date', 'content-type', 'x-request-id', 'digest'];
      const without = (name: string) => all.filter((header) => header !== name);
      const outcome = async (response: Promise<LightMyRequestResponse>) => {
        const answer = await response;
        if (answer.statusCode === 200) return '200';
        const { status, error, message } = errorOf(answer);
        return `${status} ${error}: ${message}`;
      };
      assert.equal(
        await outcome(call({ unsigned: undated })),
        '400 SIGNATURE_INVALID: Date header is missing: send the current date and sign it',
      );
      assert.equal(
        await outcome(call({ signedHeaders: without('date') })),
        '400 SIGNATURE_INVALID: The Signature must cover "date": add it to headers=',
      );
      assert.equal(
        await outcome(call({ signedHeaders: without('content-type') })),
        '400 SIGNATURE_INVALID: The Signature must cover "content-type": add it to headers=',
      );
      assert.match(
        await outcome(call({ unsigned: { ...signed, 'content-type': 'application/vnd.stet+json' } })),
        /^400 SIGNATURE_INVALID: Signature does not verify/,
        'a body relabelled after signing',
      );
      const replayed = await signedHeaders(acme, { method: 'POST', url: ECHO, body: BODY });
      assert.equal(await outcome(call({ unsigned: replayed })), '200');
      assert.equal(
        await outcome(call({ unsigned: replayed })),
        `400 REQUEST_REPLAYED: X-Request-ID ${replayed['x-request-id']} was already used in the last 600 s: send a new one with every request`,
      );
      assert.equal(await outcome(call()), '200', 'the next request, with its own X-Request-ID, passes');
    });

    test('a body that is not JSON is 415 on the STET API: it could not be covered by the Digest check', async () => {
      const form = 'a=1&b=2';
      const headers = await signedHeaders(acme, {
        method: 'POST',
        url: ECHO,
        signedHeaders: ['(request-target)', 'x-request-id'],
      });
      const response = await bank.app.mtls.inject({
        method: 'POST',
        url: ECHO,
        payload: form,
        headers: {
          ...headers,
          'content-type': 'application/x-www-form-urlencoded',
          ...proxyCertificateHeader(acme.qwac.certificatePem),
        },
      });
      assert.deepEqual(errorOf(response), {
        status: 415,
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'STET request bodies are application/json',
      });
    });

    test('the signature is checked before the body: invalid JSON is FF01 only once the request is authentic', async () => {
      const signed = await call({ body: '{"broken"' });
      assert.deepEqual(errorOf(signed), {
        status: 400,
        error: 'FF01',
        message: 'Request body is not valid JSON (RFC 8259)',
      });
      const unsigned = await call({ body: '{"broken"', unsigned: { 'x-request-id': 'x' } });
      assert.equal(errorOf(unsigned).error, 'SIGNATURE_INVALID');
    });

    test('the TPP must hold the role in its QWAC and in its licence; a withdrawn licence is refused', async () => {
      const noRole = errorOf(await call({ url: PAYMENTS }));
      assert.deepEqual(noRole, {
        status: 403,
        error: 'ROLE_MISSING',
        message: 'Your QWAC does not carry the PSD2 role PSP_PI this endpoint needs',
      });

      await bank.app.registry.save(licence(acme, { roles: ['PSP_AI'] }));
      const notLicensed = errorOf(await call());
      assert.deepEqual(notLicensed, {
        status: 403,
        error: 'ROLE_MISSING',
        message: 'PSDFR-ACPR-12345 is not licensed for the PSD2 role PSP_IC this endpoint needs',
      });

      await bank.app.registry.save(licence(acme, { status: 'withdrawn' }));
      const withdrawn = errorOf(await call());
      assert.deepEqual(withdrawn, {
        status: 403,
        error: 'LICENCE_WITHDRAWN',
        message: 'The licence of PSDFR-ACPR-12345 is withdrawn in the register: access refused',
      });

      await bank.onboard(acme);
      assert.equal((await call()).statusCode, 200);
    });

    test('certificates: none, not a QWAC, expired, from an untrusted CA, or of an unregistered TPP are refused', async () => {
      const pki = bank.pki;
      const none = await bank.app.mtls.inject({
        method: 'POST',
        url: ECHO,
        headers: { 'x-request-id': 'n' },
        payload: BODY,
      });
      assert.deepEqual(errorOf(none), {
        status: 401,
        error: 'CERTIFICATE_REQUIRED',
        message: 'A client certificate (eIDAS QWAC) is required on this endpoint (STET Part I §3.2)',
      });
      const seal = errorOf(await call({ certificate: acme.qseal.certificatePem }));
      assert.deepEqual([seal.status, seal.error], [403, 'CERTIFICATE_INVALID']);
      assert.match(seal.message, /not a QWAC/);
      const expired = errorOf(await call({ certificate: pki.expiredQwac.certificatePem }));
      assert.deepEqual([expired.status, expired.error], [403, 'CERTIFICATE_INVALID']);
      assert.match(expired.message, /^Client certificate expired on /);
      const rogue = errorOf(await call({ certificate: pki.rogue.qwac.certificatePem }));
      assert.deepEqual(rogue, {
        status: 403,
        error: 'CERTIFICATE_INVALID',
        message: 'Client certificate is not issued by a QTSP CA this bank trusts',
      });
      const unknown = errorOf(await call({ certificate: pki.budget.qwac.certificatePem }));
      assert.deepEqual(unknown, {
        status: 403,
        error: 'TPP_NOT_LICENSED',
        message: 'PSDFR-ACPR-67890 is not in the register of licensed TPPs (REGAFI / EBA register)',
      });
    });

    test('the proxy certificate header is ignored unless the connection comes from a trusted proxy', async () => {
      const response = await bank.app.mtls.inject({
        method: 'POST',
        url: ECHO,
        remoteAddress: '203.0.113.50',
        payload: BODY,
        headers: {
          'content-type': 'application/json',
          ...(await signedHeaders(acme, { method: 'POST', url: ECHO, body: BODY })),
          ...proxyCertificateHeader(acme.qwac.certificatePem),
        },
      });
      assert.equal(errorOf(response).error, 'CERTIFICATE_REQUIRED');
    });

    test('X-Request-ID: required on the STET API, at most 70 characters, echoed even on errors, generated elsewhere', async () => {
      const missing = await call({ unsigned: {} });
      assert.deepEqual(errorOf(missing), {
        status: 400,
        error: 'HEADER_INVALID',
        message: 'Missing X-Request-ID header: send a unique id with every STET request (max 70 characters)',
      });
      assert.match(String(missing.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const long = 'x'.repeat(71);
      const tooLong = await call({ headers: { 'x-request-id': long } });
      assert.equal(errorOf(tooLong).message, 'X-Request-ID must be at most 70 characters');
      assert.equal(tooLong.headers['x-request-id'], long);
      const elsewhere = await bank.app.public.inject({ method: 'GET', url: '/nothing-here' });
      assert.match(String(elsewhere.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    test('unknown paths are 404 and wrong verbs 405 NIMP with Allow, both as ErrorModel', async () => {
      const headers = { 'x-request-id': 'v1', ...proxyCertificateHeader(acme.qwac.certificatePem) };
      const notFound = await bank.app.mtls.inject({ method: 'GET', url: '/stet/psd2/v1/nothing', headers });
      assert.deepEqual(errorOf(notFound), {
        status: 404,
        error: 'NOT_FOUND',
        message: 'No resource at /stet/psd2/v1/nothing: check the URL and API version',
      });
      const wrongVerb = await bank.app.mtls.inject({ method: 'GET', url: ECHO, headers });
      assert.deepEqual(errorOf(wrongVerb), {
        status: 405,
        error: 'NIMP',
        message: `GET is not supported on ${ECHO}: use POST`,
      });
      assert.equal(wrongVerb.headers.allow, 'POST');
      assert.equal(wrongVerb.headers['x-request-id'], 'v1');
    });
  });
}
