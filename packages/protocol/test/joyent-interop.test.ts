import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { before, describe, test } from 'node:test';
import httpSignature from 'http-signature';
import {
  computeDigest,
  HttpSignatureError,
  headersToSign,
  type KeyAndCertificate,
  readEidasCertificate,
  requiredSignedHeaders,
  serialAndIssuerKeyId,
  signMessage,
  verifyMessageSignature,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';

/**
 * Our signer and verifier against code we did not write: Joyent's `http-signature` (TritonDataCenter),
 * the most used draft-cavage implementation on npm.
 */
describe('HTTP signatures interoperate with the Joyent http-signature package', () => {
  let qsealc: KeyAndCertificate;
  let keyId: string;
  const body =
    '{"paymentCoverageRequestId":"MyCoverage123456","instructedAmount":{"currency":"EUR","amount":"123.45"}}';
  const path = '/stet/psd2/v1/funds-confirmations?trace=1';

  const publicKeyPem = () =>
    createPublicKey(qsealc.certificatePem).export({ type: 'spki', format: 'pem' }).toString();

  before(async () => {
    qsealc = (await testPki()).qsealc;
    keyId = serialAndIssuerKeyId(readEidasCertificate(qsealc.certificatePem));
  });

  const baseHeaders = () => ({
    date: new Date().toUTCString(),
    'content-type': 'application/json',
    'x-request-id': '0f4e1d2c-7d1a-4f6b-9c0e-0a4e9f1b2c3d',
    digest: computeDigest(body),
    'psu-ip-address': '198.51.100.7',
  });

  const names = ['(request-target)', 'date', 'content-type', 'x-request-id', 'digest', 'psu-ip-address'];

  /** The base headers and a `signature` header that Joyent's signer added, as a Joyent-based TPP sends them. */
  const joyentSigned = (key: string, algorithm: 'rsa-sha256' | 'ecdsa-sha256') => {
    const headers: Record<string, string> = baseHeaders();
    const clientRequest = {
      method: 'POST',
      path,
      getHeader: (name: string) => headers[name.toLowerCase()],
      setHeader: (name: string, value: string) => {
        headers[name.toLowerCase()] = value;
      },
    };
    httpSignature.sign(
      clientRequest as never,
      {
        key,
        keyId,
        algorithm,
        headers: names,
        authorizationHeaderName: 'Signature',
      } as never,
    );
    return headers;
  };

  test('a request signed by Joyent verifies with our verifier (keyId with commas inside the quotes)', async () => {
    const headers = joyentSigned(qsealc.privateKeyPem, 'rsa-sha256');
    const signature = headers.signature;
    assert.ok(signature?.includes(`keyId="${keyId}"`));
    const { signature: _signature, ...rest } = headers;
    const verified = await verifyMessageSignature(
      { method: 'POST', target: path, headers: rest },
      signature,
      {
        requiredHeaders: requiredSignedHeaders(Object.keys(rest), true),
        resolveKey: () => createPublicKey(qsealc.certificatePem),
      },
    );
    assert.deepEqual(verified.headers, names);
  });

  test('a request signed by us verifies with Joyent parseRequest + verifySignature', async () => {
    const headers = baseHeaders();
    const names = headersToSign(Object.keys(headers), true);
    const signature = await signMessage(
      { method: 'POST', target: path, headers },
      { keyId, privateKey: qsealc.privateKeyPem, headers: names },
    );
    const parsed = httpSignature.parseRequest(
      { method: 'POST', url: path, httpVersion: '1.1', headers: { ...headers, signature } } as never,
      {
        authorizationHeaderName: 'signature',
        headers: ['(request-target)', 'x-request-id', 'digest'],
      } as never,
    );
    assert.equal(parsed.params.keyId, keyId);
    assert.equal(httpSignature.verifySignature(parsed, publicKeyPem()), true);
  });

  test('with an EC (P-256) QSealC, ecdsa-sha256 goes both ways: Joyent to us and us to Joyent', async () => {
    const { ecQsealc } = await testPki();
    const { signature: joyentSignature, ...rest } = joyentSigned(ecQsealc.privateKeyPem, 'ecdsa-sha256');
    const verified = await verifyMessageSignature(
      { method: 'POST', target: path, headers: rest },
      joyentSignature,
      {
        requiredHeaders: requiredSignedHeaders(Object.keys(rest), true),
        resolveKey: () => createPublicKey(ecQsealc.certificatePem),
      },
    );
    assert.equal(verified.algorithm, 'ecdsa-sha256');

    const ours = await signMessage(
      { method: 'POST', target: path, headers: rest },
      { keyId, privateKey: ecQsealc.privateKeyPem, headers: names },
    );
    const parsed = httpSignature.parseRequest(
      { method: 'POST', url: path, httpVersion: '1.1', headers: { ...rest, signature: ours } } as never,
      { authorizationHeaderName: 'signature' } as never,
    );
    assert.equal((parsed as unknown as { algorithm: string }).algorithm, 'ECDSA-SHA256');
    const ecPublicPem = createPublicKey(ecQsealc.certificatePem)
      .export({ type: 'spki', format: 'pem' })
      .toString();
    assert.equal(httpSignature.verifySignature(parsed, ecPublicPem), true);
  });

  test('Joyent and our verifier both refuse a request whose signed header changed', async () => {
    const headers = baseHeaders();
    const names = headersToSign(Object.keys(headers), true);
    const signature = await signMessage(
      { method: 'POST', target: path, headers },
      { keyId, privateKey: qsealc.privateKeyPem, headers: names },
    );
    const tampered = { ...headers, 'psu-ip-address': '203.0.113.9' };
    const parsed = httpSignature.parseRequest(
      { method: 'POST', url: path, httpVersion: '1.1', headers: { ...tampered, signature } } as never,
      { authorizationHeaderName: 'signature' } as never,
    );
    assert.equal(httpSignature.verifySignature(parsed, publicKeyPem()), false);
    await assert.rejects(
      () =>
        verifyMessageSignature({ method: 'POST', target: path, headers: tampered }, signature, {
          requiredHeaders: names,
          resolveKey: () => createPublicKey(qsealc.certificatePem),
        }),
      (error) => error instanceof HttpSignatureError && error.reason === 'signature-invalid',
    );
  });
});
