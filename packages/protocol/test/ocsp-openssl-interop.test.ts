import assert from 'node:assert/strict';
import { randomBytes, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  createOcspErrorResponse,
  createOcspRequest,
  createOcspResponse,
  createTestCa,
  issueEidasCertificate,
  type OcspHashAlgorithm,
  ocspCertId,
  RevocationDataError,
  type RevocationFailure,
  readEidasCertificate,
  readOcspRequest,
  readOcspResponse,
} from '../src/index.ts';
import { type TestPki, testPki } from './fixtures.ts';
import {
  indexText,
  openssl,
  opensslOcspResponder,
  postOcspRequest,
  type Scratch,
  scratch,
} from './openssl-revocation.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// One reference time to the second (OCSP times carry no fractions); every expected date derives from it.
const NOW = Math.floor(Date.now() / 1000) * 1000;
const at = (offsetMs: number) => new Date(NOW + offsetMs);

function refusedWith(reason: RevocationFailure, message: string) {
  return (error: unknown) =>
    error instanceof RevocationDataError && error.reason === reason && error.message === message;
}

/** The responder's delegated certificates: with id-kp-OCSPSigning, and without it (RFC 6960 §4.2.2.2). */
const RESPONDER_EXTENSIONS = `[ocsp]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
[plain]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
`;

/**
 * OpenSSL 3 on both sides of our OCSP code: `openssl ocsp` as the responder our requests go to (over
 * HTTP on 127.0.0.1), and `openssl ocsp` as the client that verifies our responses and makes requests.
 */
describe('OCSP interoperates with OpenSSL (RFC 6960)', () => {
  let pki: TestPki;
  let ca: X509Certificate;
  let files: Scratch;
  const revokedAt = at(-3 * HOUR_MS);

  async function run(args: readonly string[]) {
    const result = await openssl(files.path, args);
    assert.equal(result.code, 0, result.stderr);
    return result;
  }

  before(async () => {
    pki = await testPki();
    ca = new X509Certificate(pki.ca.certificatePem);
    files = scratch();
    files.write('ca.pem', pki.ca.certificatePem);
    files.write('ca.key', pki.ca.privateKeyPem);
    files.write('qwac.pem', pki.qwac.certificatePem);
    files.write('qsealc.pem', pki.qsealc.certificatePem);
    const serial = (pem: string) => readEidasCertificate(pem).serialNumber;
    // The QWAC is valid, the QSealC revoked; the EC QSealC is not in the database at all.
    files.write(
      'index.txt',
      indexText([
        { serial: serial(pki.qwac.certificatePem), notAfter: at(24 * HOUR_MS), subject: '/CN=qwac' },
        {
          serial: serial(pki.qsealc.certificatePem),
          notAfter: at(24 * HOUR_MS),
          subject: '/CN=qsealc',
          revokedAt,
          reason: 'keyCompromise',
        },
      ]),
    );
    files.write('responder.cnf', RESPONDER_EXTENSIONS);
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    await run([
      'req',
      '-new',
      ...ecKey,
      '-keyout',
      'responder.key',
      '-out',
      'responder.csr',
      '-subj',
      '/CN=openstet test OCSP responder',
    ]);
    for (const [section, serial] of [
      ['ocsp', '0x5001'],
      ['plain', '0x5002'],
    ] as const) {
      await run([
        'x509',
        '-req',
        '-in',
        'responder.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-set_serial',
        serial,
        '-days',
        '1',
        '-extfile',
        'responder.cnf',
        '-extensions',
        section,
        '-out',
        `responder-${section}.pem`,
      ]);
    }
    await run([
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      'unrelated.key',
      '-out',
      'unrelated.pem',
      '-days',
      '1',
      '-subj',
      '/CN=unrelated OCSP responder',
      '-addext',
      'extendedKeyUsage=OCSPSigning',
    ]);
  });

  after(() => files.remove());

  /** Sends our request for a certificate to an `openssl ocsp` responder and reads its answer with our reader. */
  async function askOpenssl(
    signer: readonly string[],
    certificatePem: string,
    options: { hashAlgorithm?: OcspHashAlgorithm } = {},
  ) {
    const responder = await opensslOcspResponder(files.path, [
      '-index',
      'index.txt',
      '-CA',
      'ca.pem',
      '-nmin',
      '10',
      ...signer,
    ]);
    try {
      const certificate = new X509Certificate(certificatePem);
      const nonce = randomBytes(16);
      const request = createOcspRequest(certificate, ca, { nonce, ...options });
      const response = await postOcspRequest(responder.url, request);
      const read = () => readOcspResponse(response, { certificate, issuer: ca, now: new Date(), nonce });
      return Object.assign(read, { response });
    } finally {
      await responder.close();
    }
  }

  const asCa = ['-rsigner', 'ca.pem', '-rkey', 'ca.key'];
  const asDelegate = (section: 'ocsp' | 'plain') => [
    '-rsigner',
    `responder-${section}.pem`,
    '-rkey',
    'responder.key',
  ];

  test('openssl ocsp signing as the CA answers good for the valid QWAC, with a ten-minute validity', async () => {
    const status = (await askOpenssl(asCa, pki.qwac.certificatePem))();
    assert.equal(status.status, 'good');
    assert.equal(status.revokedAt, undefined);
    assert.equal((status.nextUpdate?.getTime() ?? 0) - status.thisUpdate.getTime(), 10 * MINUTE_MS);
  });

  test('openssl ocsp answers revoked for the revoked QSealC, with the revocation time of its database', async () => {
    const status = (await askOpenssl(asCa, pki.qsealc.certificatePem))();
    assert.equal(status.status, 'revoked');
    assert.deepEqual(status.revokedAt, revokedAt);
  });

  test('a certificate missing from the responder database is answered unknown', async () => {
    assert.equal((await askOpenssl(asCa, pki.ecQsealc.certificatePem))().status, 'unknown');
  });

  /** How OpenSSL itself prints a response it made. */
  async function responseText(response: Buffer): Promise<string> {
    files.write('printed.der', response);
    return (await run(['ocsp', '-respin', 'printed.der', '-resp_text', '-noverify'])).stdout;
  }

  test('a SHA-256 CertID is answered by openssl under SHA-256 and matched by our reader', async () => {
    const read = await askOpenssl(asCa, pki.qsealc.certificatePem, { hashAlgorithm: 'sha256' });
    assert.equal(read().status, 'revoked');
    assert.match(await responseText(read.response), /Certificate ID:\n\s+Hash Algorithm: sha256\n/);
  });

  test('a delegated responder the CA issued with id-kp-OCSPSigning is accepted, named byName or byKey', async () => {
    const byName = await askOpenssl(asDelegate('ocsp'), pki.qwac.certificatePem);
    assert.equal(byName().status, 'good');
    assert.match(await responseText(byName.response), /Responder Id: CN = openstet test OCSP responder\n/);
    const byKey = await askOpenssl([...asDelegate('ocsp'), '-resp_key_id'], pki.qsealc.certificatePem);
    assert.equal(byKey().status, 'revoked');
    assert.match(await responseText(byKey.response), /Responder Id: [0-9A-F]{40}\n/);
  });

  test('a responder certificate the CA issued without id-kp-OCSPSigning is refused: responder-not-authorized', async () => {
    const read = await askOpenssl(asDelegate('plain'), pki.qwac.certificatePem);
    assert.throws(
      read,
      refusedWith(
        'responder-not-authorized',
        'OCSP responder certificate lacks the id-kp-OCSPSigning extended key usage',
      ),
    );
  });

  test('a responder certificate from another issuer is refused, even with id-kp-OCSPSigning', async () => {
    const read = await askOpenssl(
      ['-rsigner', 'unrelated.pem', '-rkey', 'unrelated.key'],
      pki.qwac.certificatePem,
    );
    assert.throws(
      read,
      refusedWith(
        'responder-not-authorized',
        "OCSP responder certificate was not issued by the certificate's CA",
      ),
    );
  });

  test('a response signed by an unrelated key that carries no certificate is refused: responder-unknown', async () => {
    const read = await askOpenssl(
      ['-rsigner', 'unrelated.pem', '-rkey', 'unrelated.key', '-resp_no_certs'],
      pki.qwac.certificatePem,
    );
    assert.throws(
      read,
      refusedWith(
        'responder-unknown',
        'OCSP response is signed neither by the CA nor by a responder certificate it carries',
      ),
    );
  });

  test('a response openssl signs with SHA-1 (-rmd sha1) is refused: algorithm-unsupported', async () => {
    const read = await askOpenssl([...asCa, '-rmd', 'sha1'], pki.qwac.certificatePem);
    assert.match(await responseText(read.response), /Signature Algorithm: sha1WithRSAEncryption/);
    assert.throws(
      read,
      refusedWith(
        'algorithm-unsupported',
        'OCSP response is signed with 1.2.840.113549.1.1.5: use SHA-256/384/512 with RSA or ECDSA',
      ),
    );
  });

  test('openssl ocsp -respin verifies our CA-signed response: good, and revoked with reason and time', async () => {
    const der = createOcspResponse(
      pki.ca,
      [
        { certId: ocspCertId(new X509Certificate(pki.qwac.certificatePem), ca), status: 'good' },
        {
          certId: ocspCertId(new X509Certificate(pki.qsealc.certificatePem), ca),
          status: 'revoked',
          revokedAt,
          reason: 'keyCompromise',
        },
      ],
      { thisUpdate: at(-MINUTE_MS), nextUpdate: at(HOUR_MS) },
    );
    files.write('ours.der', der);
    const result = await run([
      'ocsp',
      '-respin',
      'ours.der',
      '-issuer',
      'ca.pem',
      '-cert',
      'qwac.pem',
      '-cert',
      'qsealc.pem',
      '-CAfile',
      'ca.pem',
      '-no_nonce',
    ]);
    assert.equal(result.stderr, 'Response verify OK\n');
    assert.match(result.stdout, /^qwac\.pem: good\n\tThis Update: [^\n]+\n\tNext Update: [^\n]+\n/);
    assert.match(
      result.stdout,
      /\nqsealc\.pem: revoked\n\tThis Update: [^\n]+\n\tNext Update: [^\n]+\n\tReason: keyCompromise\n\tRevocation Time: /,
    );
  });

  test('openssl verifies the ECDSA-signed response of an EC CA', async () => {
    const ecCa = await createTestCa({ keyType: 'ec', commonName: 'EC Test QTSP CA' });
    const leaf = await issueEidasCertificate(ecCa, {
      kind: 'qwac',
      organizationIdentifier: 'PSDFR-ACPR-12345',
      organizationName: 'Acme Cards',
      roles: ['PSP_IC'],
    });
    const certId = ocspCertId(
      new X509Certificate(leaf.certificatePem),
      new X509Certificate(ecCa.certificatePem),
    );
    files.write('ec-ca.pem', ecCa.certificatePem);
    files.write('ec-leaf.pem', leaf.certificatePem);
    files.write(
      'ec.der',
      createOcspResponse(ecCa, [{ certId, status: 'good' }], { thisUpdate: at(0), nextUpdate: at(HOUR_MS) }),
    );
    const result = await run([
      'ocsp',
      '-respin',
      'ec.der',
      '-issuer',
      'ec-ca.pem',
      '-cert',
      'ec-leaf.pem',
      '-CAfile',
      'ec-ca.pem',
      '-no_nonce',
      '-resp_text',
    ]);
    assert.equal(result.stderr, 'Response verify OK\n');
    assert.match(result.stdout, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(result.stdout, /ec-leaf\.pem: good\n/);
  });

  test('a request made by openssl (SHA-1 CertID, nonce) is read; echoing its nonce passes openssl’s check, another fails it', async () => {
    await run(['ocsp', '-issuer', 'ca.pem', '-cert', 'qwac.pem', '-reqout', 'openssl-request.der']);
    const request = readOcspRequest(files.read('openssl-request.der'));
    assert.deepEqual(request.certIds, [ocspCertId(new X509Certificate(pki.qwac.certificatePem), ca)]);
    const text = await run(['ocsp', '-reqin', 'openssl-request.der', '-req_text']);
    // OpenSSL prints the nonce extension value: an OCTET STRING (04 10) around 16 random octets.
    assert.match(
      text.stdout,
      new RegExp(`OCSP Nonce: \\n\\s+0410${request.nonce?.toString('hex').toUpperCase()}\\n`),
    );
    const certIds = request.certIds;
    const answer = (nonce: Buffer | undefined) =>
      createOcspResponse(pki.ca, [{ certId: certIds[0]!, status: 'good' }], {
        thisUpdate: at(0),
        nextUpdate: at(HOUR_MS),
        ...(nonce ? { nonce } : {}),
      });
    files.write('echo.der', answer(request.nonce));
    const echoed = await run([
      'ocsp',
      '-reqin',
      'openssl-request.der',
      '-respin',
      'echo.der',
      '-issuer',
      'ca.pem',
      '-CAfile',
      'ca.pem',
    ]);
    assert.equal(echoed.stderr, 'Response verify OK\n');
    files.write('other-nonce.der', answer(randomBytes(16)));
    const replayed = await openssl(files.path, [
      'ocsp',
      '-reqin',
      'openssl-request.der',
      '-respin',
      'other-nonce.der',
      '-issuer',
      'ca.pem',
      '-CAfile',
      'ca.pem',
    ]);
    assert.equal(replayed.code, 1);
    assert.match(replayed.stderr, /^Nonce Verify error\n/);
  });

  test('a request made by openssl -sha256 is read with a SHA-256 CertID equal to ours', async () => {
    await run([
      'ocsp',
      '-sha256',
      '-issuer',
      'ca.pem',
      '-cert',
      'qsealc.pem',
      '-no_nonce',
      '-reqout',
      'sha256-request.der',
    ]);
    const request = readOcspRequest(files.read('sha256-request.der'));
    assert.deepEqual(request, {
      certIds: [ocspCertId(new X509Certificate(pki.qsealc.certificatePem), ca, 'sha256')],
      nonce: undefined,
    });
  });

  test('a request openssl makes for a negative serial (-serial -0x1A) is refused: malformed', async () => {
    await run(['ocsp', '-issuer', 'ca.pem', '-serial', '-0x1A', '-no_nonce', '-reqout', 'negative.der']);
    assert.throws(
      () => readOcspRequest(files.read('negative.der')),
      refusedWith(
        'malformed',
        'CertID serialNumber is negative: serial numbers are positive (RFC 5280 §4.1.2.2)',
      ),
    );
  });

  /**
   * `openssl ocsp` answering a request about the QWAC as the CA, with neither -nmin nor -ndays: its
   * answer has no nextUpdate ("newer information is available all the time", RFC 6960 §4.2.2.1).
   * OpenSSL echoes the request's nonce when there is one.
   */
  async function answerWithoutNextUpdate(nonce: Buffer | undefined) {
    const certificate = new X509Certificate(pki.qwac.certificatePem);
    files.write('no-next-request.der', createOcspRequest(certificate, ca, nonce ? { nonce } : {}));
    await run([
      'ocsp',
      '-index',
      'index.txt',
      '-CA',
      'ca.pem',
      ...asCa,
      '-reqin',
      'no-next-request.der',
      '-respout',
      'no-next.der',
    ]);
    const response = files.read('no-next.der');
    const read = (now: Date, options: { nonce?: Buffer; maxAgeSeconds?: number } = {}) =>
      readOcspResponse(response, { certificate, issuer: ca, now, ...options });
    const { thisUpdate, nextUpdate } = read(new Date(), nonce ? { nonce } : {});
    assert.equal(nextUpdate, undefined);
    const after = (seconds: number) => new Date(thisUpdate.getTime() + seconds * 1000);
    return { read, after };
  }

  const tooOld = refusedWith(
    'response-expired',
    'OCSP response has no nextUpdate and its thisUpdate is older than maxAgeSeconds: fetch a fresh one',
  );

  test('without nextUpdate, a response is refused once its thisUpdate is older than maxAgeSeconds (600 s) and the skew: response-expired', async () => {
    const { read, after } = await answerWithoutNextUpdate(undefined);
    assert.equal(read(after(600 + 300)).status, 'good');
    assert.throws(() => read(after(600 + 300 + 1)), tooOld);
    assert.equal(read(after(3600), { maxAgeSeconds: 3600 }).status, 'good');
    assert.throws(() => read(after(3600 + 301), { maxAgeSeconds: 3600 }), tooOld);
  });

  test('without nextUpdate, a response that echoes the nonce sent is fresh however old its thisUpdate', async () => {
    const nonce = randomBytes(16);
    const { read, after } = await answerWithoutNextUpdate(nonce);
    assert.equal(read(after(24 * 3600), { nonce }).status, 'good');
    // Read for a request that sent no nonce, the same response is only as fresh as its thisUpdate.
    assert.throws(() => read(after(24 * 3600)), tooOld);
  });

  test('without nextUpdate, a response that leaves out the nonce sent is held to maxAgeSeconds', async () => {
    const { read, after } = await answerWithoutNextUpdate(undefined);
    const nonce = randomBytes(16);
    assert.equal(read(after(60), { nonce }).status, 'good');
    assert.throws(() => read(after(600 + 300 + 1), { nonce }), tooOld);
  });

  test('openssl reads our error response as a responder error with its status', async () => {
    files.write('unauthorized.der', createOcspErrorResponse('unauthorized'));
    const result = await openssl(files.path, [
      'ocsp',
      '-respin',
      'unauthorized.der',
      '-issuer',
      'ca.pem',
      '-CAfile',
      'ca.pem',
    ]);
    assert.equal(result.stdout, 'Responder Error: unauthorized (6)\n');
  });
});
