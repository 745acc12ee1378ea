import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createTestCa,
  issueEidasCertificate,
  type KeyAndCertificate,
  readEidasCertificate,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';
import { openssl, type Scratch, scratch } from './openssl-revocation.ts';

const tpp = {
  kind: 'qwac',
  organizationIdentifier: 'PSDFR-ACPR-12345',
  organizationName: 'Acme Cards',
  roles: ['PSP_IC'],
} as const;

describe('where a certificate says its revocation status is published (RFC 5280 §4.2.1.13, §4.2.2.1)', () => {
  let ca: KeyAndCertificate;
  let files: Scratch;

  before(async () => {
    ca = (await testPki()).ca;
    files = scratch();
  });

  after(() => files.remove());

  test('crlUrl and ocspUrl become a CRL distribution point and an id-ad-ocsp access, read back as URLs', async () => {
    const issued = await issueEidasCertificate(ca, {
      ...tpp,
      crlUrl: 'http://qtsp.example/ca.crl',
      ocspUrl: 'http://qtsp.example/ocsp',
    });
    const certificate = readEidasCertificate(issued.certificatePem);
    assert.deepEqual(certificate.crlUrls, ['http://qtsp.example/ca.crl']);
    assert.deepEqual(certificate.ocspUrls, ['http://qtsp.example/ocsp']);
  });

  test('without them the certificate has neither extension and both lists are empty', async () => {
    const certificate = readEidasCertificate((await testPki()).qwac.certificatePem);
    assert.deepEqual(certificate.crlUrls, []);
    assert.deepEqual(certificate.ocspUrls, []);
    assert.equal(certificate.x509.infoAccess, undefined);
  });

  test('openssl x509 -text shows the CRL distribution point and the OCSP responder we wrote', async () => {
    const issued = await issueEidasCertificate(ca, {
      ...tpp,
      crlUrl: 'http://127.0.0.1:8443/qtsp/ca.crl',
      ocspUrl: 'http://127.0.0.1:8443/qtsp/ocsp',
    });
    files.write('pointers.pem', issued.certificatePem);
    const run = await openssl(files.path, ['x509', '-in', 'pointers.pem', '-noout', '-text']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/127\.0\.0\.1:8443\/qtsp\/ca\.crl/,
    );
    assert.match(
      run.stdout,
      /Authority Information Access:\s+OCSP - URI:http:\/\/127\.0\.0\.1:8443\/qtsp\/ocsp/,
    );
  });

  test('a certificate made by OpenSSL lists its CRL points in order and only the OCSP access (not caIssuers)', async () => {
    const run = await openssl(files.path, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'openssl-made.key',
      '-out',
      'openssl-made.pem',
      '-days',
      '1',
      '-subj',
      '/CN=openssl made',
      '-addext',
      'crlDistributionPoints=URI:http://a.example/1.crl,URI:http://b.example/2.crl',
      '-addext',
      'authorityInfoAccess=caIssuers;URI:http://a.example/ca.cer,OCSP;URI:http://a.example/ocsp',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const certificate = readEidasCertificate(files.read('openssl-made.pem').toString());
    assert.deepEqual(certificate.crlUrls, ['http://a.example/1.crl', 'http://b.example/2.crl']);
    assert.deepEqual(certificate.ocspUrls, ['http://a.example/ocsp']);
  });

  test('an EC (P-256) test CA issues certificates, revocation pointers included, that openssl verifies', async () => {
    const ecCa = await createTestCa({ keyType: 'ec', commonName: 'EC Test QTSP CA' });
    const issued = await issueEidasCertificate(ecCa, { ...tpp, ocspUrl: 'http://127.0.0.1/ocsp' });
    files.write('ec-ca.pem', ecCa.certificatePem);
    files.write('ec-issued.pem', issued.certificatePem);
    const run = await openssl(files.path, ['verify', '-CAfile', 'ec-ca.pem', 'ec-issued.pem']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'ec-issued.pem: OK\n');
    assert.equal(readEidasCertificate(ecCa.certificatePem).publicKey.asymmetricKeyType, 'ec');
  });
});
