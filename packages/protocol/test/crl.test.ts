import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  createCrl,
  createTestCa,
  issueEidasCertificate,
  RevocationDataError,
  type RevocationFailure,
  readCrl,
  readEidasCertificate,
} from '../src/index.ts';
import { type TestPki, testPki } from './fixtures.ts';
import { indexText, openssl, type Scratch, scratch } from './openssl-revocation.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// One reference time per test file, to the second (CRL times carry no fractions): every date a test
// compares is derived from it, never from a second reading of the clock.
const NOW = Math.floor(Date.now() / 1000) * 1000;

function wholeSecondsAgo(ms: number): Date {
  return new Date(NOW - ms);
}

function refusedWith(reason: RevocationFailure) {
  return (error: unknown) => error instanceof RevocationDataError && error.reason === reason;
}

/** A minimal `openssl ca` configuration for -gencrl: the database, the CRL number, the digest, the period. */
function caConfig(crlExtensions: string): string {
  return `[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 1\ncrl_extensions = crl_ext\n[crl_ext]\n${crlExtensions}\n`;
}

describe('CRLs (RFC 5280 §5)', () => {
  let pki: TestPki;
  let ca: X509Certificate;
  let files: Scratch;
  let qwacSerial: string;
  let qsealcSerial: string;
  const times = () => ({
    thisUpdate: wholeSecondsAgo(HOUR_MS),
    nextUpdate: wholeSecondsAgo(-DAY_MS),
    crlNumber: 42,
  });

  before(async () => {
    pki = await testPki();
    ca = new X509Certificate(pki.ca.certificatePem);
    qwacSerial = readEidasCertificate(pki.qwac.certificatePem).serialNumber;
    qsealcSerial = readEidasCertificate(pki.qsealc.certificatePem).serialNumber;
    files = scratch();
    files.write('ca.pem', pki.ca.certificatePem);
    files.write('ca.key', pki.ca.privateKeyPem);
  });

  after(() => files.remove());

  test('our CRL verifies with openssl crl -CAfile, which lists each revoked serial, the reason and the CRL number', async () => {
    const revokedAt = wholeSecondsAgo(2 * HOUR_MS);
    const der = createCrl(
      pki.ca,
      [
        { serialNumber: qwacSerial, revokedAt, reason: 'keyCompromise' },
        { serialNumber: '00:9a:01:02', revokedAt },
      ],
      times(),
    );
    files.write('ours.crl', der);
    const run = await openssl(files.path, [
      'crl',
      '-inform',
      'DER',
      '-in',
      'ours.crl',
      '-CAfile',
      'ca.pem',
      '-noout',
      '-text',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(`${run.stdout}${run.stderr}`, /verify OK/);
    assert.match(run.stdout, /Version 2 \(0x1\)/);
    assert.match(run.stdout, /X509v3 CRL Number:\s+42\n/);
    assert.match(run.stdout, /X509v3 Authority Key Identifier:/);
    assert.match(
      run.stdout,
      new RegExp(
        `Serial Number: ${qwacSerial}\\n[^\\n]+\\n\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`,
      ),
    );
    assert.match(run.stdout, /Serial Number: 9A0102\n/);
    // An entry without reason has no crlEntryExtensions at all: Extensions is SIZE (1..MAX) (RFC 5280 §4.1).
    const structure = await openssl(files.path, ['asn1parse', '-inform', 'DER', '-in', 'ours.crl']);
    assert.doesNotMatch(structure.stdout, /l= +0 cons: +SEQUENCE/);
  });

  test('readCrl returns the period, the CRL number and each revoked serial, normalised, with its date', () => {
    const revokedAt = wholeSecondsAgo(2 * HOUR_MS);
    const period = times();
    const der = createCrl(
      pki.ca,
      [
        { serialNumber: qwacSerial.toLowerCase(), revokedAt, reason: 'superseded' },
        { serialNumber: '0x00ABCD', revokedAt: wholeSecondsAgo(3 * HOUR_MS) },
      ],
      { ...period, crlNumber: 2n ** 64n },
    );
    const crl = readCrl(der, ca);
    assert.deepEqual(crl.thisUpdate, period.thisUpdate);
    assert.deepEqual(crl.nextUpdate, period.nextUpdate);
    assert.equal(crl.crlNumber, 2n ** 64n);
    assert.deepEqual(
      crl.revoked,
      new Map([
        [qwacSerial, revokedAt],
        ['ABCD', wholeSecondsAgo(3 * HOUR_MS)],
      ]),
    );
    assert.equal(crl.revoked.has(qsealcSerial), false);
  });

  test('a CRL with no revoked certificate is read as an empty list', () => {
    const crl = readCrl(createCrl(pki.ca, [], times()), ca);
    assert.equal(crl.revoked.size, 0);
    assert.equal(crl.crlNumber, 42n);
  });

  test('an EC (P-256) CA signs its CRL with ECDSA: openssl and readCrl both verify it', async () => {
    const ecCa = await createTestCa({ keyType: 'ec', commonName: 'EC Test QTSP CA' });
    const der = createCrl(ecCa, [{ serialNumber: '1234', revokedAt: wholeSecondsAgo(HOUR_MS) }], times());
    files.write('ec-ca.pem', ecCa.certificatePem);
    files.write('ec.crl', der);
    const run = await openssl(files.path, [
      'crl',
      '-inform',
      'DER',
      '-in',
      'ec.crl',
      '-CAfile',
      'ec-ca.pem',
      '-noout',
      '-text',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.deepEqual([...readCrl(der, new X509Certificate(ecCa.certificatePem)).revoked.keys()], ['1234']);
  });

  test('a CRL made by openssl ca -gencrl is read: revoked serials and dates, CRL number, one-day period', async () => {
    const revokedAt = wholeSecondsAgo(5 * HOUR_MS);
    files.write(
      'index.txt',
      indexText([
        {
          serial: qwacSerial,
          notAfter: wholeSecondsAgo(-DAY_MS),
          subject: '/CN=qwac',
          revokedAt,
          reason: 'keyCompromise',
        },
        { serial: qsealcSerial, notAfter: wholeSecondsAgo(-DAY_MS), subject: '/CN=qsealc' },
        {
          serial: '0A01',
          notAfter: wholeSecondsAgo(-DAY_MS),
          subject: '/CN=old',
          revokedAt: wholeSecondsAgo(DAY_MS),
        },
      ]),
    );
    files.write('crlnumber', '1000\n');
    files.write('ca.cnf', caConfig('authorityKeyIdentifier = keyid:always'));
    const made = await openssl(files.path, [
      'ca',
      '-gencrl',
      '-config',
      'ca.cnf',
      '-keyfile',
      'ca.key',
      '-cert',
      'ca.pem',
      '-out',
      'openssl.crl.pem',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const converted = await openssl(files.path, [
      'crl',
      '-in',
      'openssl.crl.pem',
      '-outform',
      'DER',
      '-out',
      'openssl.crl',
    ]);
    assert.equal(converted.code, 0, converted.stderr);
    const crl = readCrl(files.read('openssl.crl'), ca);
    assert.deepEqual(
      crl.revoked,
      new Map([
        [qwacSerial, revokedAt],
        ['A01', wholeSecondsAgo(DAY_MS)],
      ]),
    );
    assert.equal(crl.crlNumber, 0x1000n);
    assert.equal(crl.nextUpdate.getTime() - crl.thisUpdate.getTime(), DAY_MS);
  });

  test('a CRL openssl signs with SHA-1 is refused: algorithm-unsupported', async () => {
    files.write('index.txt', '');
    files.write('crlnumber', '01\n');
    files.write('sha1.cnf', caConfig('authorityKeyIdentifier = keyid:always').replace('sha256', 'sha1'));
    const made = await openssl(files.path, [
      'ca',
      '-gencrl',
      '-config',
      'sha1.cnf',
      '-keyfile',
      'ca.key',
      '-cert',
      'ca.pem',
      '-out',
      'sha1.crl.pem',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const converted = await openssl(files.path, [
      'crl',
      '-in',
      'sha1.crl.pem',
      '-outform',
      'DER',
      '-out',
      'sha1.crl',
    ]);
    assert.equal(converted.code, 0, converted.stderr);
    assert.throws(() => readCrl(files.read('sha1.crl'), ca), refusedWith('algorithm-unsupported'));
  });

  test('a CRL signed by another key under the same CA name is refused: signature-invalid', async () => {
    const impostor = await createTestCa({
      commonName: 'Test QTSP, Signing CA',
      organizationName: 'QTSP+Test SAS',
    });
    const der = createCrl(impostor, [], times());
    assert.throws(() => readCrl(der, ca), refusedWith('signature-invalid'));
  });

  test('a CRL whose revoked serial was altered after signing is refused: signature-invalid', () => {
    const der = createCrl(
      pki.ca,
      [{ serialNumber: qwacSerial, revokedAt: wholeSecondsAgo(HOUR_MS) }],
      times(),
    );
    const at = der.indexOf(Buffer.from(qwacSerial, 'hex'));
    assert.ok(at > 0);
    der[at + 3] = (der[at + 3] ?? 0) ^ 0x01;
    assert.throws(() => readCrl(der, ca), refusedWith('signature-invalid'));
  });

  test('a CRL from a CA with another name is refused: issuer-mismatch', async () => {
    const other = await createTestCa({ commonName: 'Another QTSP CA' });
    const der = createCrl(other, [], times());
    assert.throws(() => readCrl(der, ca), refusedWith('issuer-mismatch'));
  });

  test('a CA certificate whose keyUsage lacks cRLSign is refused as a CRL issuer (RFC 5280 §6.3.3 (f))', async () => {
    const made = await openssl(files.path, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'no-crl-sign.key',
      '-out',
      'no-crl-sign.pem',
      '-days',
      '1',
      '-subj',
      '/CN=CA without cRLSign',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const issuer = {
      certificatePem: files.read('no-crl-sign.pem').toString(),
      privateKeyPem: files.read('no-crl-sign.key').toString(),
    };
    const der = createCrl(issuer, [], times());
    assert.throws(
      () => readCrl(der, new X509Certificate(issuer.certificatePem)),
      refusedWith('issuer-not-crl-signer'),
    );
  });

  test('a CRL scoped by a critical issuingDistributionPoint is refused: we cannot process its scope', async () => {
    files.write(
      'index.txt',
      indexText([
        {
          serial: '0B01',
          notAfter: wholeSecondsAgo(-DAY_MS),
          subject: '/CN=x',
          revokedAt: wholeSecondsAgo(HOUR_MS),
        },
      ]),
    );
    files.write('crlnumber', '01\n');
    files.write(
      'idp.cnf',
      caConfig(
        'issuingDistributionPoint = critical, @idp\n[idp]\nfullname = URI:http://127.0.0.1/users.crl\nonlyuser = TRUE',
      ),
    );
    const made = await openssl(files.path, [
      'ca',
      '-gencrl',
      '-config',
      'idp.cnf',
      '-keyfile',
      'ca.key',
      '-cert',
      'ca.pem',
      '-out',
      'idp.crl.pem',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const converted = await openssl(files.path, [
      'crl',
      '-in',
      'idp.crl.pem',
      '-outform',
      'DER',
      '-out',
      'idp.crl',
    ]);
    assert.equal(converted.code, 0, converted.stderr);
    assert.throws(() => readCrl(files.read('idp.crl'), ca), refusedWith('critical-extension-unsupported'));
  });

  test('bytes that are not a CRL are refused as malformed', () => {
    assert.throws(() => readCrl(Buffer.from('not a crl'), ca), refusedWith('malformed'));
    assert.throws(
      () => readCrl(new X509Certificate(pki.qwac.certificatePem).raw, ca),
      refusedWith('malformed'),
    );
  });

  test('createCrl refuses a nextUpdate that is not after thisUpdate and a negative CRL number', () => {
    const { thisUpdate } = times();
    assert.throws(
      () => createCrl(pki.ca, [], { thisUpdate, nextUpdate: thisUpdate, crlNumber: 1 }),
      RangeError,
    );
    assert.throws(() => createCrl(pki.ca, [], { ...times(), crlNumber: -1 }), RangeError);
  });

  test('a certificate issued with a crlUrl is found by its serial in the CA CRL that revokes it', async () => {
    const issued = await issueEidasCertificate(pki.ca, {
      kind: 'qsealc',
      organizationIdentifier: 'PSDFR-ACPR-12345',
      organizationName: 'Acme Cards',
      roles: ['PSP_AI'],
      crlUrl: 'http://127.0.0.1/ca.crl',
    });
    const serial = readEidasCertificate(issued.certificatePem).serialNumber;
    const crl = readCrl(
      createCrl(pki.ca, [{ serialNumber: serial, revokedAt: wholeSecondsAgo(0) }], times()),
      ca,
    );
    assert.deepEqual(readEidasCertificate(issued.certificatePem).crlUrls, ['http://127.0.0.1/ca.crl']);
    assert.equal(crl.revoked.has(serial), true);
  });
});
