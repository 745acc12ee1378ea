import assert from 'node:assert/strict';
import { constants, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  computeDigest,
  HttpSignatureError,
  headersToSign,
  parseSignatureHeader,
  requiredSignedHeaders,
  type SignableMessage,
  signingString,
  signMessage,
  verifyMessageSignature,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';

const body = '{"paymentCoverageRequestId":"MyCoverage123456"}';

function request(extra: Record<string, string> = {}): SignableMessage {
  return {
    method: 'POST',
    target: '/stet/psd2/v1.4.2/funds-confirmations?x=1',
    headers: {
      Date: new Date().toUTCString(),
      'Content-Type': 'application/json',
      'X-Request-ID': '2b0f7c6e-8f8c-4c35-9d0b-7b1f1f2a5c10',
      Digest: computeDigest(body),
      'PSU-IP-Address': '192.0.2.10',
      ...extra,
    },
  };
}

describe('draft-cavage HTTP signatures as the STET profile uses them', () => {
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  const keyId = 'SN=1A2B,CA=CN=Test QTSP\\, CA,O=QTSP,C=FR';

  before(async () => {
    const { qsealc } = await testPki();
    privateKey = createPrivateKey(qsealc.privateKeyPem);
    publicKey = createPublicKey(qsealc.certificatePem);
  });

  const required = (message: SignableMessage) => requiredSignedHeaders(Object.keys(message.headers), true);
  const verify = async (
    message: SignableMessage,
    header: string | undefined | Promise<string>,
    now?: number,
  ) =>
    verifyMessageSignature(message, await header, {
      requiredHeaders: required(message),
      resolveKey: (id) => {
        if (id !== keyId) throw new HttpSignatureError('key-id-unknown', 'unknown keyId');
        return publicKey;
      },
      ...(now === undefined ? {} : { now }),
    });
  const failure = async (fn: () => unknown) => {
    try {
      await fn();
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof HttpSignatureError, String(error));
      return error.reason;
    }
  };
  const signed = (
    message: SignableMessage,
    headers = headersToSign(Object.keys(message.headers), true),
    algorithm?: 'hs2019',
  ) => signMessage(message, { keyId, privateKey, headers, ...(algorithm ? { algorithm } : {}) });

  test('the signing string follows §2.3: listed order, lower-case names, request target with query, no trailing newline', async () => {
    const message = request();
    assert.equal(
      signingString(message, ['(request-target)', 'x-request-id', 'digest', 'psu-ip-address']),
      [
        '(request-target): post /stet/psd2/v1.4.2/funds-confirmations?x=1',
        'x-request-id: 2b0f7c6e-8f8c-4c35-9d0b-7b1f1f2a5c10',
        `digest: ${computeDigest(body)}`,
        'psu-ip-address: 192.0.2.10',
      ].join('\n'),
    );
  });

  test('the required set: request target, date, request id, content type and digest with a body, every psu-* header present', async () => {
    assert.deepEqual(
      requiredSignedHeaders(['X-Request-ID', 'PSU-IP-Address', 'psu-device-id', 'Date'], true),
      [
        '(request-target)',
        'date',
        'content-type',
        'x-request-id',
        'digest',
        'psu-ip-address',
        'psu-device-id',
      ],
    );
    assert.deepEqual(requiredSignedHeaders(['x-request-id'], false), [
      '(request-target)',
      'date',
      'x-request-id',
    ]);
  });

  test('signed requests need freshness: Date signed, Content-Type signed with a body, Date present', async () => {
    const message = request();
    const all = headersToSign(Object.keys(message.headers), true);
    const without = (name: string) => all.filter((header) => header !== name);
    assert.equal(await failure(() => verify(message, signed(message, without('date')))), 'header-not-signed');
    assert.equal(
      await failure(() => verify(message, signed(message, without('content-type')))),
      'header-not-signed',
    );
    const { Date: _date, ...undated } = message.headers;
    const noDate = { ...message, headers: undated };
    assert.equal(await failure(() => verify(noDate, signed(message))), 'date-invalid');
    const relabelled = request({ 'Content-Type': 'text/plain' });
    assert.equal(await failure(() => verify(relabelled, signed(message))), 'signature-invalid');
  });

  test('rsa-sha256 and hs2019 (RSASSA-PSS SHA-512) signatures verify', async () => {
    const message = request();
    assert.equal(await failure(() => verify(message, signed(message))), 'accepted');
    assert.equal(await failure(() => verify(message, signed(message, undefined, 'hs2019'))), 'accepted');
  });

  test('hs2019 with a PKCS#1 v1.5 SHA-256 signature, as many TPPs send it, verifies', async () => {
    const message = request();
    const headers = headersToSign(Object.keys(message.headers), true);
    const value = sign('sha256', Buffer.from(signingString(message, headers)), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PADDING,
    }).toString('base64');
    const header = `keyId="${keyId}", algorithm="hs2019", headers="${headers.join(' ')}", signature="${value}"`;
    assert.equal(await failure(() => verify(message, header)), 'accepted');
  });

  test('an EC (P-256) QSealC signs ecdsa-sha256 by default, and hs2019 with SHA-512 or SHA-256; never across key types', async () => {
    const { ecQsealc } = await testPki();
    const ecPrivate = createPrivateKey(ecQsealc.privateKeyPem);
    const ecPublic = createPublicKey(ecQsealc.certificatePem);
    const message = request();
    const headers = headersToSign(Object.keys(message.headers), true);
    const withKey = (key: KeyObject) => (header: string | Promise<string>) =>
      failure(async () =>
        verifyMessageSignature(message, await header, {
          requiredHeaders: required(message),
          resolveKey: () => key,
        }),
      );
    const ecHeader = await signMessage(message, { keyId, privateKey: ecPrivate, headers });
    assert.match(ecHeader, /algorithm="ecdsa-sha256"/);
    assert.equal(await withKey(ecPublic)(ecHeader), 'accepted');
    assert.equal(
      await withKey(ecPublic)(
        signMessage(message, { keyId, privateKey: ecPrivate, headers, algorithm: 'hs2019' }),
      ),
      'accepted',
    );
    const sha256 = sign('sha256', Buffer.from(signingString(message, headers)), ecPrivate).toString('base64');
    const hs2019Sha256 = `keyId="${keyId}",algorithm="hs2019",headers="${headers.join(' ')}",signature="${sha256}"`;
    assert.equal(await withKey(ecPublic)(hs2019Sha256), 'accepted');
    // Raw r‖s (IEEE P1363), as WebCrypto signs: 64 bytes on P-256.
    const raw = sign('sha256', Buffer.from(signingString(message, headers)), {
      key: ecPrivate,
      dsaEncoding: 'ieee-p1363',
    });
    assert.equal(raw.length, 64);
    const p1363 = `keyId="${keyId}",algorithm="ecdsa-sha256",headers="${headers.join(' ')}",signature="${raw.toString('base64')}"`;
    assert.equal(await withKey(ecPublic)(p1363), 'accepted');
    const flipped = Buffer.from(raw);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    assert.equal(
      await withKey(ecPublic)(p1363.replace(raw.toString('base64'), flipped.toString('base64'))),
      'signature-invalid',
    );
    // Algorithm confusion: an ECDSA signature named rsa-sha256, an RSA key named ecdsa-sha256.
    assert.equal(
      await withKey(ecPublic)(ecHeader.replace('ecdsa-sha256', 'rsa-sha256')),
      'signature-invalid',
    );
    assert.equal(await withKey(publicKey)(ecHeader), 'signature-invalid');
    assert.equal(await withKey(ecPublic)(signed(message)), 'signature-invalid');
    await assert.rejects(
      signMessage(message, { keyId, privateKey: ecPrivate, headers, algorithm: 'rsa-sha256' }),
      /rsa-sha256 cannot sign with a ec key/,
    );
  });

  test('each refusal names its cause', async () => {
    const message = request();
    const header = await signed(message);
    assert.equal(await failure(() => verify(message, undefined)), 'signature-missing');
    assert.equal(await failure(() => verify(message, 'keyId=x')), 'signature-malformed');
    assert.equal(
      await failure(() => verify(message, header.replace('rsa-sha256', 'hmac-sha256'))),
      'algorithm-unsupported',
    );
    assert.equal(
      await failure(() => verify(message, signed(message, ['(request-target)', 'x-request-id', 'digest']))),
      'header-not-signed',
    );
    assert.equal(
      await failure(() => verify(request({ 'X-Request-ID': 'other' }), header)),
      'signature-invalid',
    );
    assert.equal(
      await failure(() => verify(message, header.replace(keyId, 'SN=99,CA=CN=x'))),
      'key-id-unknown',
    );
    assert.equal(
      await failure(() => verify({ ...message, target: '/stet/psd2/v1.4.2/funds-confirmations' }, header)),
      'signature-invalid',
    );
  });

  test('a signed Date must be an HTTP date within 300 s of the bank clock', async () => {
    const message = request();
    const header = await signed(message);
    assert.equal(await failure(() => verify(message, header, Date.now() + 299_000)), 'accepted');
    assert.equal(await failure(() => verify(message, header, Date.now() + 301_000)), 'date-invalid');
    const garbage = request({ Date: 'aaaa' });
    assert.equal(await failure(() => verify(garbage, signed(garbage))), 'date-invalid');
  });

  test('header names of Object.prototype ("constructor", "__proto__") are absent headers, not a crash', async () => {
    const message = request();
    for (const name of ['constructor', '__proto__', 'tostring']) {
      const header = `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) date content-type x-request-id digest psu-ip-address ${name}",signature="AQID"`;
      assert.equal(await failure(() => verify(message, header)), 'signed-header-absent', name);
    }
  });

  test('a header listed in the signature but absent from the request is refused', async () => {
    const withDevice = request({ 'PSU-Device-ID': '0d4b1c8e-1b1f-4a8c-9a51-8f7f2f3f9d10' });
    const header = await signed(withDevice);
    assert.equal(await failure(() => verify(request(), header)), 'signed-header-absent');
    assert.equal(
      await failure(() => signed(request(), ['(request-target)', 'psu-device-id'])),
      'signed-header-absent',
    );
  });

  test('(created) and (expires) work with hs2019 and are refused with rsa-sha256', async () => {
    const message = request();
    const created = Math.floor(Date.now() / 1000);
    const withTimes = { ...message, created, expires: created + 60 };
    const headers = [
      '(request-target)',
      '(created)',
      '(expires)',
      'date',
      'content-type',
      'x-request-id',
      'digest',
      'psu-ip-address',
    ];
    const hs = await signMessage(withTimes, { keyId, privateKey, headers, algorithm: 'hs2019' });
    const header = `${hs},created=${created},expires=${created + 60}`;
    assert.equal(await failure(() => verify(message, header)), 'accepted');
    assert.equal(await failure(() => verify(message, header, (created + 61) * 1000)), 'signature-expired');
    assert.equal(
      await failure(() => verify(message, header.replace('hs2019', 'rsa-sha256'))),
      'signature-malformed',
    );
  });

  test('the header parser is quote-aware, tolerates spaces, ignores unknown parameters and refuses duplicates', async () => {
    const parsed = parseSignatureHeader(
      'keyId="SN=1,CA=CN=a\\, \\"b\\",O=c" , algorithm="RSA-SHA256",  foo="bar",headers="(request-target) X-Request-ID",signature="AQID"',
    );
    assert.equal(parsed.keyId, 'SN=1,CA=CN=a\\, "b",O=c');
    assert.equal(parsed.algorithm, 'rsa-sha256');
    assert.deepEqual(parsed.headers, ['(request-target)', 'x-request-id']);
    assert.deepEqual([...parsed.signature], [1, 2, 3]);
    assert.throws(() => parseSignatureHeader('keyId="a",keyId="b",signature="AQID"'), /repeated/);
    assert.throws(() => parseSignatureHeader('keyId="a",signature="not base64!"'), /base64/);
    assert.throws(() => parseSignatureHeader('keyId="a,signature="AQID"'), /Malformed/);
    assert.throws(() => parseSignatureHeader('keyId="a",signature="AQID'), /unterminated/);
  });

  test('random Signature headers fail only with HttpSignatureError (property)', async () => {
    const message = request();
    const header = await signed(message);
    const mutated = fc
      .tuple(fc.nat(header.length), fc.nat(header.length), fc.string({ maxLength: 8 }))
      .map(([start, length, insert]) => header.slice(0, start) + insert + header.slice(start + length));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), mutated), async (value) => {
        const reason = await failure(() => verify(message, value));
        assert.ok(typeof reason === 'string');
      }),
      { numRuns: 3000 },
    );
  });
});
