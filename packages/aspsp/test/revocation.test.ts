import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { issueEidasCertificate, type KeyAndCertificate, readEidasCertificate } from '@openstet/protocol';
import type { App } from '../src/app.ts';
import { adminSecret } from '../src/data-dir.ts';
import { CRL_PATH, OCSP_PATH, sandboxRevocationPointers } from '../src/trust/sandbox-qtsp-routes.ts';
import { type HttpsResponse, httpsCall } from './helpers/https-client.ts';
import { licence, type TestPki, type TppCredentials, testPki } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { signedHeaders } from './helpers/tpp-request.ts';

const ROUTE = '/stet/psd2/v1.4.2/test-revocation';
const BODY = '{"paymentCoverageRequestId":"MyCoverage123456"}';
/** Nothing listens there: a revocation source that never answers. */
const DEAD_SOURCE = 'http://127.0.0.1:9';
const CACHE_SECONDS = 1;

function routes(app: App): void {
  app.mtls.post(ROUTE, app.trust.stetRoute({ role: 'PSP_IC' }), async () => ({ ok: true }));
}

/** Where a certificate says its revocation status is published. */
interface Pointers {
  readonly crlUrl?: string;
  readonly ocspUrl?: string;
}

async function tppWith(ca: KeyAndCertificate, org: string, pointers: Pointers): Promise<TppCredentials> {
  const subject = { organizationIdentifier: org, organizationName: `TPP ${org}`, roles: ['PSP_IC'] } as const;
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(ca, { kind: 'qwac', ...subject, ...pointers }),
    issueEidasCertificate(ca, { kind: 'qsealc', ...subject, ...pointers }),
  ]);
  return { organizationIdentifier: org, name: subject.organizationName, qwac, qseal };
}

for (const engine of ENGINES) {
  describe(`revocation of TPP certificates: CRL and OCSP, cached, per-source policy (review finding 10) (${engine})`, () => {
    let bank: TestServer;
    let pki: TestPki;
    let published: Required<Pointers>;
    const agent = new Agent({ keepAlive: false });
    before(async () => {
      pki = await testPki();
      bank = await startTestServer(engine, routes, {
        OPENSTET_REVOCATION_CACHE_SECONDS: String(CACHE_SECONDS),
        OPENSTET_REVOCATION_TIMEOUT_MS: '1000',
      });
      published = sandboxRevocationPointers(bank.server.publicUrl);
    });
    after(async () => {
      agent.destroy();
      await bank.close();
    });

    const mtls = (
      tpp: TppCredentials,
      path: string,
      call: { method?: string; body?: string; headers?: Record<string, string> },
      at: TestServer = bank,
    ) =>
      httpsCall(`${at.server.mtlsUrl}${path}`, {
        ca: pki.ca.certificatePem,
        cert: tpp.qwac.certificatePem,
        key: tpp.qwac.privateKeyPem,
        agent,
        ...call,
      });
    /** Licensed for PSP_IC, then `POST /register` of its QSealC. */
    const onboard = async (tpp: TppCredentials, at: TestServer = bank) => {
      await at.server.app.registry.save(licence(tpp, { roles: ['PSP_IC'] }));
      const registration = {
        redirect_uris: ['https://tpp.example/cb'],
        client_name: tpp.name,
        signing_certificate: tpp.qseal.certificatePem,
      };
      const headers = { 'content-type': 'application/json' };
      return mtls(tpp, '/register', { method: 'POST', headers, body: JSON.stringify(registration) }, at);
    };
    const signedCall = async (tpp: TppCredentials) =>
      mtls(tpp, ROUTE, {
        method: 'POST',
        body: BODY,
        headers: await signedHeaders(tpp, { method: 'POST', url: ROUTE, body: BODY }),
      });
    const outcome = (response: HttpsResponse) => {
      if (response.status < 400) return String(response.status);
      const body = JSON.parse(response.body);
      return `${response.status} ${body.error}: ${body.message}`;
    };
    /** `openstet certs revoke` against the running server: its admin API. */
    const revokeThroughServer = async (certificate: KeyAndCertificate, reason = 'keyCompromise') => {
      const answer = await bank.server.app.admin?.inject({
        method: 'POST',
        url: '/admin/revocations',
        headers: { authorization: `Bearer ${adminSecret(bank.dataDir)}` },
        payload: { serialNumber: readEidasCertificate(certificate.certificatePem).serialNumber, reason },
      });
      assert.equal(answer?.statusCode, 200, answer?.body);
    };

    test('a revoked QWAC is refused at once by the node that revoked it; the renewed one works (OCSP)', async () => {
      const tpp = await tppWith(pki.ca, 'PSDFR-ACPR-24680', published);
      assert.equal((await onboard(tpp)).status, 201);
      assert.equal(outcome(await signedCall(tpp)), '200');
      await revokeThroughServer(tpp.qwac);
      assert.match(
        outcome(await signedCall(tpp)),
        /^403 CERTIFICATE_REVOKED: Your QWAC was revoked on \d{4}-\d\d-\d\dT[\d:.]+Z: use a valid one$/,
      );
      const renewed = {
        ...tpp,
        qwac: await issueEidasCertificate(pki.ca, {
          kind: 'qwac',
          organizationIdentifier: tpp.organizationIdentifier,
          organizationName: tpp.name,
          roles: ['PSP_IC'],
          ...published,
        }),
      };
      assert.equal(outcome(await signedCall(renewed)), '200');
      await revokeThroughServer(tpp.qseal);
      assert.match(
        outcome(await signedCall(renewed)),
        /^403 CERTIFICATE_REVOKED: Your registered QSealC was revoked on .*: register a valid one$/,
      );
      assert.match(
        outcome(await onboard(renewed)),
        /^403 CERTIFICATE_REVOKED: Your signing_certificate \(QSealC\) was revoked/,
      );
    });

    test('a node that did not make the change learns it within OPENSTET_REVOCATION_CACHE_SECONDS (CRL only)', async () => {
      const tpp = await tppWith(pki.ca, 'PSDFR-ACPR-13579', { crlUrl: published.crlUrl });
      assert.equal((await onboard(tpp)).status, 201);
      assert.equal(outcome(await signedCall(tpp)), '200');
      // Written to the shared database as another node would, without telling this node.
      await bank.server.app.services.sandboxRevocations.revoke({
        serialNumber: readEidasCertificate(tpp.qwac.certificatePem).serialNumber,
        revokedAt: new Date(),
        reason: 'cessationOfOperation',
      });
      assert.equal(
        outcome(await signedCall(tpp)),
        '200',
        'the cached status stands for up to the cache time',
      );
      await new Promise((resolve) => setTimeout(resolve, CACHE_SECONDS * 1000 + 200));
      assert.match(outcome(await signedCall(tpp)), /^403 CERTIFICATE_REVOKED: Your QWAC was revoked on /);
    });

    test('sources that do not answer refuse the call (503), unless the bank accepts for that source', async () => {
      const tpp = await tppWith(pki.ca, 'PSDFR-ACPR-11223', {
        crlUrl: `${DEAD_SOURCE}/crl`,
        ocspUrl: `${DEAD_SOURCE}/ocsp`,
      });
      const refused = await onboard(tpp);
      assert.equal(
        outcome(refused),
        '503 REVOCATION_UNAVAILABLE: The revocation status of your QWAC could not be checked: retry later',
      );
      assert.equal(refused.headers['retry-after'], '10');
      const lenient = await startTestServer(engine, routes, { OPENSTET_REVOCATION_SOFT_FAIL: DEAD_SOURCE });
      try {
        const registered = await onboard(tpp, lenient);
        assert.equal(registered.status, 201, registered.body);
      } finally {
        await lenient.close();
      }
    });

    test('the sandbox CRL and OCSP answers are read by OpenSSL: the revoked serial is listed and answered revoked', async () => {
      const tpp = await tppWith(pki.ca, 'PSDFR-ACPR-99887', published);
      await revokeThroughServer(tpp.qwac, 'superseded');
      const directory = mkdtempSync(join(tmpdir(), 'openstet-revocation-'));
      try {
        const file = (name: string, content: string | Buffer) => {
          writeFileSync(join(directory, name), content);
          return join(directory, name);
        };
        const ca = file('ca.pem', pki.ca.certificatePem);
        const qwac = file('qwac.pem', tpp.qwac.certificatePem);
        const crlDer = await httpsCall(`${bank.server.publicUrl}${CRL_PATH}`, { ca: pki.ca.certificatePem });
        assert.equal(crlDer.status, 200);
        const crlText = execFileSync('openssl', ['crl', '-inform', 'DER', '-CAfile', ca, '-noout', '-text'], {
          input: crlDer.bytes,
          stdio: ['pipe', 'pipe', 'pipe'],
        }).toString();
        assert.match(
          crlText,
          new RegExp(`Serial Number: ${readEidasCertificate(tpp.qwac.certificatePem).serialNumber}`, 'i'),
        );
        assert.match(crlText, /Superseded/);
        const request = join(directory, 'request.der');
        execFileSync('openssl', ['ocsp', '-issuer', ca, '-cert', qwac, '-reqout', request, '-no_nonce']);
        const response = await httpsCall(`${bank.server.publicUrl}${OCSP_PATH}`, {
          ca: pki.ca.certificatePem,
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request' },
          body: readFileSync(request),
        });
        const verdict = execFileSync(
          'openssl',
          [
            'ocsp',
            '-respin',
            file('response.der', response.bytes),
            '-issuer',
            ca,
            '-cert',
            qwac,
            '-CAfile',
            ca,
          ],
          { stdio: ['pipe', 'pipe', 'pipe'] },
        ).toString();
        assert.match(verdict, /: revoked/);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
}
