import assert from 'node:assert/strict';
import { randomBytes, X509Certificate } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
  createOcspErrorResponse,
  createOcspRequest,
  createOcspResponse,
  createTestCa,
  isCertIdOfIssuer,
  issueEidasCertificate,
  type KeyAndCertificate,
  type OcspAnswer,
  ocspCertId,
  RevocationDataError,
  type RevocationFailure,
  readOcspRequest,
  readOcspResponse,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// One reference time to the second (OCSP times carry no fractions); every date is derived from it.
const NOW = Math.floor(Date.now() / 1000) * 1000;
const at = (offsetMs: number) => new Date(NOW + offsetMs);

function refusedWith(reason: RevocationFailure, message?: string) {
  return (error: unknown) =>
    error instanceof RevocationDataError &&
    error.reason === reason &&
    (message === undefined || error.message === message);
}

describe('OCSP requests and responses (RFC 6960, RFC 5019 profile)', () => {
  let ca: KeyAndCertificate;
  let caCertificate: X509Certificate;
  let qwac: X509Certificate;
  let qsealc: X509Certificate;
  const valid = { thisUpdate: at(-MINUTE_MS), nextUpdate: at(HOUR_MS) };

  before(async () => {
    const pki = await testPki();
    ca = pki.ca;
    caCertificate = new X509Certificate(pki.ca.certificatePem);
    qwac = new X509Certificate(pki.qwac.certificatePem);
    qsealc = new X509Certificate(pki.qsealc.certificatePem);
  });

  const check = (
    der: Buffer,
    extra: { nonce?: Buffer; clockSkewSeconds?: number; maxAgeSeconds?: number } = {},
  ) => readOcspResponse(der, { certificate: qwac, issuer: caCertificate, now: at(0), ...extra });

  const answer = (status: 'good' | 'unknown', certificate = qwac): OcspAnswer => ({
    certId: ocspCertId(certificate, caCertificate),
    status,
  });

  test('a request round-trips: one SHA-1 CertID (RFC 5019 §2.1.1) and the nonce', () => {
    const nonce = randomBytes(16);
    const request = readOcspRequest(createOcspRequest(qwac, caCertificate, { nonce }));
    assert.deepEqual(request, { certIds: [ocspCertId(qwac, caCertificate)], nonce });
    assert.equal(request.certIds[0]?.hashAlgorithm, 'sha1');
    assert.equal(request.certIds[0]?.issuerKeyHash.length, 20);
    assert.equal(request.certIds[0]?.serialNumber, qwac.serialNumber);
  });

  test('a request without nonce reads with nonce undefined', () => {
    assert.equal(readOcspRequest(createOcspRequest(qwac, caCertificate)).nonce, undefined);
  });

  test('a SHA-256 CertID is read back as such and matched against the certificate under SHA-256', () => {
    const [certId] = readOcspRequest(
      createOcspRequest(qwac, caCertificate, { hashAlgorithm: 'sha256' }),
    ).certIds;
    assert.ok(certId);
    assert.equal(certId.hashAlgorithm, 'sha256');
    assert.equal(certId.issuerNameHash.length, 32);
    const der = createOcspResponse(ca, [{ certId, status: 'good' }], valid);
    assert.equal(check(der).status, 'good');
  });

  test('isCertIdOfIssuer tells this CA’s CertIDs from another CA’s', async () => {
    const other = new X509Certificate((await createTestCa({ commonName: 'Another QTSP CA' })).certificatePem);
    const certId = ocspCertId(qwac, caCertificate);
    assert.equal(isCertIdOfIssuer(certId, caCertificate), true);
    assert.equal(isCertIdOfIssuer(certId, other), false);
    assert.equal(isCertIdOfIssuer(ocspCertId(qwac, caCertificate, 'sha512'), caCertificate), true);
  });

  test('a good answer signed by the CA itself is read with its thisUpdate and nextUpdate', () => {
    const der = createOcspResponse(ca, [answer('good')], valid);
    assert.deepEqual(check(der), { status: 'good', ...valid });
  });

  test('a revoked answer carries its revocation time; an unknown answer reads as unknown', () => {
    const revokedAt = at(-2 * HOUR_MS);
    const revoked = createOcspResponse(
      ca,
      [{ certId: ocspCertId(qwac, caCertificate), status: 'revoked', revokedAt, reason: 'keyCompromise' }],
      valid,
    );
    assert.deepEqual(check(revoked), { status: 'revoked', revokedAt, ...valid });
    assert.equal(check(createOcspResponse(ca, [answer('unknown')], valid)).status, 'unknown');
  });

  test('among several answers, the one whose CertID is this certificate’s is used', () => {
    const der = createOcspResponse(
      ca,
      [
        { certId: ocspCertId(qsealc, caCertificate), status: 'revoked', revokedAt: at(-HOUR_MS) },
        answer('good'),
      ],
      valid,
    );
    assert.equal(check(der).status, 'good');
  });

  test('a response signed by an unrelated CA is refused: its responder is neither the CA nor delegated by it', async () => {
    const unrelated = await createTestCa({ commonName: 'Unrelated CA' });
    const der = createOcspResponse(unrelated, [answer('good')], valid);
    assert.throws(
      () => check(der),
      refusedWith(
        'responder-unknown',
        'OCSP response is signed neither by the CA nor by a responder certificate it carries',
      ),
    );
  });

  test('a response whose signature bits were altered is refused: signature-invalid', () => {
    const der = createOcspResponse(ca, [answer('good')], valid);
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
    assert.throws(() => check(der), refusedWith('signature-invalid'));
  });

  test('a response whose nextUpdate has passed is refused (RFC 5019 §4): response-expired', () => {
    const der = createOcspResponse(ca, [answer('good')], {
      thisUpdate: at(-2 * HOUR_MS),
      nextUpdate: at(-HOUR_MS),
    });
    assert.throws(
      () => check(der),
      refusedWith('response-expired', 'OCSP response nextUpdate has passed: fetch a fresh one'),
    );
  });

  test('a nextUpdate passed by less than the clock skew is still accepted, and refused with no skew', () => {
    const der = createOcspResponse(ca, [answer('good')], {
      thisUpdate: at(-HOUR_MS),
      nextUpdate: at(-MINUTE_MS),
    });
    assert.equal(check(der).status, 'good');
    assert.throws(() => check(der, { clockSkewSeconds: 0 }), refusedWith('response-expired'));
  });

  test('a response whose thisUpdate is further in the future than the skew is refused: response-not-yet-valid', () => {
    const der = createOcspResponse(ca, [answer('good')], {
      thisUpdate: at(10 * MINUTE_MS),
      nextUpdate: at(HOUR_MS),
    });
    assert.throws(() => check(der), refusedWith('response-not-yet-valid'));
    assert.equal(check(der, { clockSkewSeconds: 15 * 60 }).status, 'good');
  });

  test('a nonce different from the one sent is refused; an echoed one, or none (pre-produced), is accepted', () => {
    const sent = randomBytes(16);
    const echoed = createOcspResponse(ca, [answer('good')], { ...valid, nonce: sent });
    assert.equal(check(echoed, { nonce: sent }).status, 'good');
    const replayed = createOcspResponse(ca, [answer('good')], { ...valid, nonce: randomBytes(16) });
    assert.throws(
      () => check(replayed, { nonce: sent }),
      refusedWith('nonce-mismatch', 'OCSP response nonce is not the one sent'),
    );
    assert.equal(check(createOcspResponse(ca, [answer('good')], valid), { nonce: sent }).status, 'good');
  });

  test('a response about another serial is refused: certificate-not-in-response', () => {
    const der = createOcspResponse(ca, [answer('good', qsealc)], valid);
    assert.throws(
      () => check(der),
      refusedWith('certificate-not-in-response', 'OCSP response has no answer about this certificate'),
    );
  });

  test('a certificate checked against a CA that did not issue it is refused: issuer-mismatch', async () => {
    const other = new X509Certificate((await createTestCa({ commonName: 'Another QTSP CA' })).certificatePem);
    const der = createOcspResponse(ca, [answer('good')], valid);
    assert.throws(
      () => readOcspResponse(der, { certificate: qwac, issuer: other, now: at(0) }),
      refusedWith('issuer-mismatch'),
    );
    assert.throws(() => createOcspRequest(qwac, other), refusedWith('issuer-mismatch'));
  });

  test('error responses are unsigned statuses (RFC 6960 §4.2.1), refused as response-unsuccessful', () => {
    assert.deepEqual(createOcspErrorResponse('unauthorized'), Buffer.from('30030a0106', 'hex'));
    assert.throws(
      () => check(createOcspErrorResponse('unauthorized')),
      refusedWith('response-unsuccessful', 'OCSP responder answered unauthorized'),
    );
    assert.throws(
      () => check(createOcspErrorResponse('tryLater')),
      refusedWith('response-unsuccessful', 'OCSP responder answered tryLater'),
    );
  });

  test('bytes that are not OCSP are refused as malformed, on both sides', () => {
    assert.throws(() => readOcspRequest(Buffer.from('3000', 'hex')), refusedWith('malformed'));
    assert.throws(() => readOcspRequest(qwac.raw), refusedWith('malformed'));
    assert.throws(() => check(Buffer.from('not der')), refusedWith('malformed'));
    assert.throws(() => check(createOcspRequest(qwac, caCertificate)), refusedWith('malformed'));
  });

  test('nonces are 1 to 32 octets (RFC 8954 §2.1): longer ones are neither sent nor accepted', () => {
    assert.throws(() => createOcspRequest(qwac, caCertificate, { nonce: randomBytes(33) }), RangeError);
    assert.throws(() => createOcspRequest(qwac, caCertificate, { nonce: Buffer.alloc(0) }), RangeError);
    assert.deepEqual(
      readOcspRequest(createOcspRequest(qwac, caCertificate, { nonce: randomBytes(32) })).nonce?.length,
      32,
    );
  });

  /** DER of one value with a short-form length: enough for a hand-made OCSP request. */
  const tlv = (tag: number, ...contents: Uint8Array[]) => {
    const body = Buffer.concat(contents);
    assert.ok(body.length < 0x80);
    return Buffer.concat([Buffer.from([tag, body.length]), body]);
  };

  /** An OCSPRequest about the QWAC's issuer whose CertID serialNumber INTEGER has exactly these contents. */
  const requestWithSerial = (contents: Uint8Array) => {
    const { issuerNameHash, issuerKeyHash } = ocspCertId(qwac, caCertificate);
    const sha1 = Buffer.from('300906052b0e03021a0500', 'hex');
    const certId = tlv(0x30, sha1, tlv(0x04, issuerNameHash), tlv(0x04, issuerKeyHash), tlv(0x02, contents));
    return tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x30, certId))));
  };

  test('a CertID serial read from a request keeps the value of its INTEGER: a leading zero octet is sign, not value', () => {
    const request = readOcspRequest(requestWithSerial(Buffer.from('008001', 'hex')));
    assert.equal(request.certIds[0]?.serialNumber, '8001');
  });

  test('a request whose CertID serial is an empty INTEGER (02 00) is refused: malformed (X.690 §8.3.1)', () => {
    assert.throws(
      () => readOcspRequest(requestWithSerial(Buffer.alloc(0))),
      refusedWith('malformed', 'CertID serialNumber is an empty INTEGER (X.690 §8.3.1)'),
    );
  });

  test('a request whose CertID serial is negative is refused, not re-read as a positive number: malformed', () => {
    assert.throws(
      () => readOcspRequest(requestWithSerial(Buffer.from('8001', 'hex'))),
      refusedWith(
        'malformed',
        'CertID serialNumber is negative: serial numbers are positive (RFC 5280 §4.1.2.2)',
      ),
    );
  });

  test('createOcspResponse refuses a CertID with an empty serial number with a RangeError that says so', () => {
    const certId = { ...ocspCertId(qwac, caCertificate), serialNumber: '' };
    assert.throws(() => createOcspResponse(ca, [{ certId, status: 'good' }], valid), {
      name: 'RangeError',
      message: 'CertID serialNumber is empty: a serial number is a positive integer (RFC 5280 §4.1.2.2)',
    });
  });

  test('a response with a nextUpdate is not held to maxAgeSeconds: its validity period says how long it holds', () => {
    const der = createOcspResponse(ca, [answer('good')], {
      thisUpdate: at(-2 * HOUR_MS),
      nextUpdate: at(HOUR_MS),
    });
    assert.equal(check(der, { maxAgeSeconds: 60 }).status, 'good');
  });

  test('maxAgeSeconds and clockSkewSeconds must be non-negative numbers', () => {
    const der = createOcspResponse(ca, [answer('good')], valid);
    assert.throws(() => check(der, { maxAgeSeconds: -1 }), RangeError);
    assert.throws(() => check(der, { maxAgeSeconds: Number.NaN }), RangeError);
    assert.throws(() => check(der, { clockSkewSeconds: -1 }), RangeError);
  });

  test('createOcspResponse refuses to sign nothing or a nextUpdate before thisUpdate', () => {
    assert.throws(() => createOcspResponse(ca, [], valid), TypeError);
    assert.throws(
      () => createOcspResponse(ca, [answer('good')], { thisUpdate: at(0), nextUpdate: at(-1000) }),
      RangeError,
    );
  });

  test('an EC (P-256) CA signs its responses with ECDSA and they verify', async () => {
    const ecCa = await createTestCa({ keyType: 'ec', commonName: 'EC Test QTSP CA' });
    const leaf = new X509Certificate(
      (
        await issueEidasCertificate(ecCa, {
          kind: 'qsealc',
          organizationIdentifier: 'PSDFR-ACPR-12345',
          organizationName: 'Acme Cards',
          roles: ['PSP_AI'],
          keyType: 'ec',
        })
      ).certificatePem,
    );
    const ecIssuer = new X509Certificate(ecCa.certificatePem);
    const der = createOcspResponse(ecCa, [{ certId: ocspCertId(leaf, ecIssuer), status: 'good' }], valid);
    assert.deepEqual(readOcspResponse(der, { certificate: leaf, issuer: ecIssuer, now: at(0) }), {
      status: 'good',
      ...valid,
    });
  });
});
