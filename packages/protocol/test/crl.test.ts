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
import { type IndexEntry, indexText, openssl, type Scratch, scratch } from './openssl-revocation.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// One reference time per test file, to the second (CRL times carry no fractions): every date a test
// compares is derived from it, never from a second reading of the clock.
const NOW = Math.floor(Date.now() / 1000) * 1000;

function wholeSecondsAgo(ms: number): Date {
  return new Date(NOW - ms);
}

function refusedWith(reason: RevocationFailure, message?: string) {
  return (error: unknown) =>
    error instanceof RevocationDataError &&
    error.reason === reason &&
    (message === undefined || error.message === message);
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

  /** `openssl ca -gencrl` over a CA database, with these CRL extensions and digest, converted to DER. */
  async function opensslCrl(
    index: readonly IndexEntry[],
    crlExtensions: string,
    digest: 'sha256' | 'sha1' = 'sha256',
  ): Promise<Buffer> {
    files.write('index.txt', index.length > 0 ? indexText(index) : '');
    files.write('crlnumber', '1000\n');
    files.write('ca.cnf', caConfig(crlExtensions).replace('sha256', digest));
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
    return files.read('openssl.crl');
  }

  const revokedLine = (serial: string, reason?: string): IndexEntry => ({
    serial,
    notAfter: wholeSecondsAgo(-DAY_MS),
    subject: `/CN=${serial}`,
    revokedAt: wholeSecondsAgo(HOUR_MS),
    ...(reason ? { reason } : {}),
  });

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

  test('times are UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 §5.1.2.4), both read back', async () => {
    const revokedAt = new Date('1999-12-31T23:59:59Z');
    // On 1 January of a year from 2050 on, and never in the past whatever the date the suite runs.
    const year = Math.max(2051, new Date().getUTCFullYear() + 25);
    const nextUpdate = new Date(Date.UTC(year, 0, 1));
    const der = createCrl(pki.ca, [{ serialNumber: '0C01', revokedAt }], { ...times(), nextUpdate });
    files.write('times.crl', der);
    const structure = await openssl(files.path, ['asn1parse', '-inform', 'DER', '-in', 'times.crl']);
    assert.match(structure.stdout, new RegExp(`GENERALIZEDTIME +:${year}0101000000Z\n`));
    assert.match(structure.stdout, /UTCTIME +:991231235959Z\n/);
    const crl = readCrl(der, ca);
    assert.deepEqual(crl.nextUpdate, nextUpdate);
    assert.deepEqual(crl.revoked.get('C01'), revokedAt);
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
    const der = await opensslCrl(
      [
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
      ],
      'authorityKeyIdentifier = keyid:always',
    );
    const crl = readCrl(der, ca);
    assert.deepEqual(
      crl.revoked,
      new Map([
        [qwacSerial, revokedAt],
        ['A01', wholeSecondsAgo(DAY_MS)],
      ]),
    );
    assert.equal(crl.crlNumber, 0x1000n);
    assert.equal(crl.nextUpdate.getTime() - crl.thisUpdate.getTime(), DAY_MS);
    assert.deepEqual(crl.distributionPointUris, []);
    assert.equal(crl.onlyContainsUserCerts, false);
  });

  test('a CRL openssl signs with SHA-1 is refused: algorithm-unsupported', async () => {
    const der = await opensslCrl([], 'authorityKeyIdentifier = keyid:always', 'sha1');
    assert.throws(() => readCrl(der, ca), refusedWith('algorithm-unsupported'));
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

  test('a partitioned full CRL (critical issuingDistributionPoint, user certificates) is read with its distribution point URIs (RFC 5280 §5.2.5)', async () => {
    const der = await opensslCrl(
      [revokedLine('0B01', 'keyCompromise')],
      'issuingDistributionPoint = critical, @idp\n[idp]\nfullname = URI:http://127.0.0.1/users-1.crl, URI:http://127.0.0.1/users-1b.crl\nonlyuser = TRUE',
    );
    const crl = readCrl(der, ca);
    assert.deepEqual(crl.distributionPointUris, [
      'http://127.0.0.1/users-1.crl',
      'http://127.0.0.1/users-1b.crl',
    ]);
    assert.equal(crl.onlyContainsUserCerts, true);
    assert.deepEqual(crl.revoked, new Map([['B01', wholeSecondsAgo(HOUR_MS)]]));
    assert.equal(crl.crlNumber, 0x1000n);
  });

  test('an issuingDistributionPoint that names only its distribution point (not critical) is read too', async () => {
    const der = await opensslCrl(
      [revokedLine('0B02')],
      'issuingDistributionPoint = @idp\n[idp]\nfullname = URI:http://127.0.0.1/part-2.crl',
    );
    const crl = readCrl(der, ca);
    assert.deepEqual(crl.distributionPointUris, ['http://127.0.0.1/part-2.crl']);
    assert.equal(crl.onlyContainsUserCerts, false);
    assert.equal(crl.revoked.has('B02'), true);
  });

  test('a CRL scoped to some reasons, to CA or attribute certificates, or indirect is refused: crl-scope-unsupported', async () => {
    const uri = 'fullname = URI:http://127.0.0.1/x.crl';
    const scopes = [
      [`${uri}\nonlysomereasons = keyCompromise`, 'CRL lists only some revocation reasons (onlySomeReasons)'],
      [`${uri}\nindirectCRL = TRUE`, 'CRL is indirect: it may list certificates of other issuers'],
      [`${uri}\nonlyCA = TRUE`, 'CRL lists only CA certificates (onlyContainsCACerts)'],
      [`${uri}\nonlyAA = TRUE`, 'CRL lists only attribute certificates (onlyContainsAttributeCerts)'],
      ['relativename = rdn\n[rdn]\nCN = users', 'CRL names its distribution point without a URI'],
    ] as const;
    for (const [idp, message] of scopes) {
      const der = await opensslCrl(
        [revokedLine('0B03')],
        `issuingDistributionPoint = critical, @idp\n[idp]\n${idp}`,
      );
      assert.throws(
        () => readCrl(der, ca),
        refusedWith('crl-scope-unsupported', `${message}: it cannot tell that a certificate is not revoked`),
        idp,
      );
    }
  });

  test('a delta CRL is refused, its deltaCRLIndicator critical or not: crl-scope-unsupported', async () => {
    for (const criticality of ['critical, ', '']) {
      const der = await opensslCrl([revokedLine('0B04')], `deltaCRL = ${criticality}ASN1:INTEGER:999`);
      assert.throws(
        () => readCrl(der, ca),
        refusedWith(
          'crl-scope-unsupported',
          'CRL is a delta CRL (deltaCRLIndicator): it cannot tell that a certificate is not revoked',
        ),
      );
    }
  });

  test('a CRL with two issuingDistributionPoint extensions is refused: malformed (RFC 5280 §4.2)', async () => {
    const der = await opensslCrl(
      [revokedLine('0B05')],
      'issuingDistributionPoint = critical, @idp\n2.5.29.28 = critical, DER:30:03:84:01:FF\n[idp]\nfullname = URI:http://127.0.0.1/x.crl',
    );
    assert.throws(
      () => readCrl(der, ca),
      refusedWith('malformed', 'CRL has the extension 2.5.29.28 more than once'),
    );
  });

  test('a CRL entry with a negative serial number is refused, not re-read as a positive one: malformed', async () => {
    const der = await opensslCrl([revokedLine('-1A'), revokedLine('0B06')], '');
    assert.throws(
      () => readCrl(der, ca),
      refusedWith(
        'malformed',
        'CRL entry serialNumber is negative: serial numbers are positive (RFC 5280 §4.1.2.2)',
      ),
    );
  });

  test('a CRL of 50 000 entries made by openssl ca -gencrl is read, each with its reason code', {
    timeout: 20_000,
  }, async () => {
    const index = Array.from({ length: 50_000 }, (_, at) =>
      revokedLine((0x100000 + at).toString(16).toUpperCase(), at % 2 === 0 ? 'keyCompromise' : 'superseded'),
    );
    const crl = readCrl(await opensslCrl(index, 'authorityKeyIdentifier = keyid:always'), ca);
    assert.equal(crl.revoked.size, 50_000);
    assert.deepEqual(crl.revoked.get('103039'), wholeSecondsAgo(HOUR_MS));
    assert.deepEqual(crl.revoked.get('10C34F'), wholeSecondsAgo(HOUR_MS));
    assert.equal(crl.revoked.has('10C350'), false);
    assert.equal(crl.revoked.has(qwacSerial), false);
  });

  test('a CRL of 50 000 entries made by createCrl is read', { timeout: 20_000 }, () => {
    const revokedAt = wholeSecondsAgo(2 * HOUR_MS);
    const entries = Array.from({ length: 50_000 }, (_, at) => ({
      serialNumber: (0x200000 + at).toString(16),
      revokedAt,
      reason: 'keyCompromise' as const,
    }));
    const crl = readCrl(
      createCrl(pki.ca, [...entries, { serialNumber: qwacSerial, revokedAt }], times()),
      ca,
    );
    assert.equal(crl.revoked.size, 50_001);
    assert.deepEqual(crl.revoked.get('203039'), revokedAt);
    assert.deepEqual(crl.revoked.get(qwacSerial), revokedAt);
    assert.equal(crl.revoked.has('20C350'), false);
    assert.equal(crl.revoked.has(qsealcSerial), false);
  });

  test('a CRL with any one byte changed is refused with a RevocationDataError, never another error', () => {
    const der = createCrl(
      pki.ca,
      [{ serialNumber: qwacSerial, revokedAt: wholeSecondsAgo(HOUR_MS), reason: 'keyCompromise' }],
      times(),
    );
    for (let at = 0; at < der.length; at += 1) {
      for (const flip of [0x01, 0x80]) {
        const changed = Buffer.from(der);
        changed[at] = (changed[at] ?? 0) ^ flip;
        assert.throws(() => readCrl(changed, ca), RevocationDataError, `byte ${at} ^ ${flip}`);
      }
    }
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

  test('createCrl refuses an empty serial number with a RangeError that says so', () => {
    assert.throws(() => createCrl(pki.ca, [{ serialNumber: '', revokedAt: wholeSecondsAgo(0) }], times()), {
      name: 'RangeError',
      message:
        'RevokedEntry serialNumber is empty: a serial number is a positive integer (RFC 5280 §4.1.2.2)',
    });
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
