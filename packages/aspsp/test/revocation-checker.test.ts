import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createCrl,
  createTestCa,
  type EidasCertificate,
  issueEidasCertificate,
  type KeyAndCertificate,
  readEidasCertificate,
} from '@openstet/protocol';
import {
  indexText,
  opensslOcspResponder,
  type Responder,
  type Scratch,
  scratch,
} from '../../protocol/test/openssl-revocation.ts';
import { type RevocationChecker, revocationChecker } from '../src/trust/revocation-checker.ts';
import { httpRevocationFetch } from '../src/trust/revocation-fetch.ts';
import { testClock } from './helpers/clock.ts';
import { testPki } from './helpers/pki.ts';

/** Nothing listens there. */
const DEAD = 'http://127.0.0.1:9';
const DAY = 86_400_000;

/** A CRL server on 127.0.0.1 answering with whatever `crl()` gives, until closed. */
async function crlServer(crl: () => Buffer | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    const body = crl();
    if (!body) response.writeHead(503).end();
    else response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`, server };
}

describe('revocation checking against real sources: OpenSSL as OCSP responder, CRLs over HTTP (review finding 10)', () => {
  let ca: KeyAndCertificate;
  let files: Scratch;
  let responder: Responder;
  const certificates: Record<string, EidasCertificate> = {};
  const clock = testClock();
  const issue = async (name: string, pointers: { crlUrl?: string; ocspUrl?: string }) => {
    const issued = await issueEidasCertificate(ca, {
      kind: 'qwac',
      organizationIdentifier: 'PSDFR-ACPR-12345',
      organizationName: name,
      roles: ['PSP_IC'],
      ...pointers,
    });
    certificates[name] = readEidasCertificate(issued.certificatePem);
    return certificates[name];
  };
  const checker = (
    options: { softFail?: readonly string[]; onSoftFail?: () => void } = {},
  ): RevocationChecker =>
    revocationChecker({
      issuerOf: () => new X509Certificate(ca.certificatePem),
      fetch: httpRevocationFetch({ timeoutMs: 1000, maxBytes: 1024 * 1024, ca: [] }),
      cacheSeconds: 60,
      softFail: options.softFail ?? [],
      now: clock.now,
      onSoftFail: options.onSoftFail ?? (() => {}),
    });

  before(async () => {
    ca = (await testPki()).ca;
    files = scratch();
    // The responder knows two certificates: one valid, one revoked; a third it has never heard of.
    const caFile = files.write('ca.pem', ca.certificatePem);
    responder = await opensslOcspResponder(files.path, [
      '-index',
      files.write('index.txt', ''),
      '-CA',
      caFile,
      '-rsigner',
      caFile,
      '-rkey',
      files.write('ca.key', ca.privateKeyPem),
      '-nmin',
      '5',
    ]);
    const good = await issue('Good', { ocspUrl: responder.url });
    const revoked = await issue('Revoked', { ocspUrl: responder.url });
    await issue('Unknown', { ocspUrl: responder.url });
    const later = new Date(Date.now() + 365 * DAY);
    files.write(
      'index.txt',
      indexText([
        { serial: good.serialNumber, notAfter: later, subject: '/CN=Good' },
        {
          serial: revoked.serialNumber,
          notAfter: later,
          subject: '/CN=Revoked',
          revokedAt: new Date(Date.now() - DAY),
          reason: 'keyCompromise',
        },
      ]),
    );
  });
  after(async () => {
    await responder?.close();
    files?.remove();
  });

  test('OCSP good, revoked and unknown, as OpenSSL answers them', async () => {
    const bank = checker();
    assert.deepEqual(await bank.status(certificates.Good as EidasCertificate), { state: 'good' });
    const revoked = await bank.status(certificates.Revoked as EidasCertificate);
    assert.equal(revoked.state, 'revoked');
    assert.deepEqual(await bank.status(certificates.Unknown as EidasCertificate), {
      state: 'unknown-to-ca',
      source: responder.url,
    });
  });

  test('an OCSP responder that does not answer falls back to the CRL; a CRL signed by another CA is not believed', async () => {
    const rogue = await createTestCa({ commonName: 'openstet Test QTSP CA' });
    let signer = ca;
    const times = () => ({
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + DAY),
      crlNumber: Date.now(),
    });
    const served = await crlServer(() =>
      createCrl(signer, [{ serialNumber: fallback.serialNumber, revokedAt: new Date() }], times()),
    );
    const fallback = await issue('Fallback', { ocspUrl: `${DEAD}/ocsp`, crlUrl: served.url });
    try {
      assert.equal((await checker().status(fallback)).state, 'revoked');
      signer = rogue;
      assert.deepEqual(await checker().status(fallback), {
        state: 'unavailable',
        sources: [`${DEAD}/ocsp`, served.url],
      });
    } finally {
      served.server.close();
    }
  });

  test('soft fail applies only when every source that failed is listed', async () => {
    const certificate = await issue('Dead', {
      ocspUrl: `${DEAD}/ocsp`,
      crlUrl: 'http://127.0.0.1:10/ca.crl',
    });
    assert.equal((await checker({ softFail: [DEAD] }).status(certificate)).state, 'unavailable');
    let told = 0;
    const lenient = checker({ softFail: [DEAD, 'http://127.0.0.1:10'], onSoftFail: () => told++ });
    assert.deepEqual(await lenient.status(certificate), { state: 'good' });
    assert.equal(told, 1, 'the bank is told it accepted without a status');
    const ldapOnly = await issue('Ldap', {
      crlUrl: 'ldap://ldap.qtsp.example/cn=CA?certificateRevocationList',
    });
    assert.equal(
      (await checker().status(ldapOnly)).state,
      'unavailable',
      'a source we cannot ask is not "no source"',
    );
  });

  test('an answer still current stands while its sources are down; an older CRL served later is refused', async () => {
    clock.reset();
    let number = 10;
    let serving = true;
    const served = await crlServer(() =>
      serving
        ? createCrl(ca, number >= 10 ? [{ serialNumber: target.serialNumber, revokedAt: new Date() }] : [], {
            thisUpdate: new Date(Date.now() - number * 1000),
            nextUpdate: new Date(Date.now() + DAY),
            crlNumber: number,
          })
        : undefined,
    );
    const target = await issue('Cached', { crlUrl: served.url });
    try {
      const bank = checker();
      assert.equal((await bank.status(target)).state, 'revoked');
      // Past the cache time the CRL is fetched again: an older one (number 9, not listing the
      // certificate) is refused as a replay, and the CRL held, still current, keeps answering.
      number = 9;
      clock.advance(61);
      assert.equal((await bank.status(target)).state, 'revoked');
      serving = false;
      clock.advance(61);
      assert.equal((await bank.status(target)).state, 'revoked', 'sources down: the current CRL stands');
      clock.advance(DAY / 1000);
      assert.equal((await bank.status(target)).state, 'unavailable', 'past its nextUpdate it says nothing');
    } finally {
      clock.reset();
      served.server.close();
    }
  });
});
