import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  computeDigest,
  decodeQcStatements,
  encodeQcStatements,
  hasRole,
  readEidasCertificate,
  requiredSignedHeaders,
  signingString,
  verifyMessageSignature,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';
import { opensslPki } from './openssl.ts';

describe('eIDAS PSD2 certificates (ETSI TS 119 495)', () => {
  test('the QcStatements round-trip: QcType and PSD2 roles, NCA name and id', () => {
    const psd2 = { roles: ['PSP_AI', 'PSP_PI'] as const, ncaName: 'ACPR', ncaId: 'FR-ACPR' };
    const decoded = decodeQcStatements(encodeQcStatements('eseal', psd2));
    assert.deepEqual(decoded, {
      qcTypes: ['eseal'],
      psd2: { roles: ['PSP_AI', 'PSP_PI'], ncaName: 'ACPR', ncaId: 'FR-ACPR' },
    });
  });

  test('our QWAC reads back with its organisation id, roles and QcType web; the QSealC with eseal', async () => {
    const { qwac, qsealc } = await testPki();
    const web = readEidasCertificate(qwac.certificatePem);
    assert.equal(web.organizationIdentifier, 'PSDFR-ACPR-12345');
    assert.equal(web.organizationName, 'Acme Cards');
    assert.deepEqual(web.qcTypes, ['web']);
    assert.deepEqual(web.psd2, { roles: ['PSP_IC', 'PSP_AI'], ncaName: 'ACPR', ncaId: 'FR-ACPR' });
    assert.ok(hasRole(web, 'PSP_IC') && !hasRole(web, 'PSP_PI'));
    assert.deepEqual(readEidasCertificate(qsealc.certificatePem).qcTypes, ['eseal']);
    assert.match(web.fingerprint256, /^[0-9a-f]{64}$/);
  });

  test('openssl x509 -text shows the organizationIdentifier and the qcStatements with the roles', async () => {
    const { qwac } = await testPki();
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], {
      input: qwac.certificatePem,
    }).toString();
    assert.match(text, /organizationIdentifier ?= ?PSDFR-ACPR-12345/);
    assert.match(text, /qcStatements/);
    assert.match(text, /PSP_IC/);
    assert.match(text, /PSP_AI/);
  });

  test('a certificate issued by the OpenSSL command line is read the same way', () => {
    const { tpp } = opensslPki({
      organizationIdentifier: 'PSDFR-ACPR-99999',
      kind: 'qsealc',
      roles: ['PSP_AI', 'PSP_IC'],
    });
    const certificate = readEidasCertificate(tpp.certificatePem);
    assert.equal(certificate.organizationIdentifier, 'PSDFR-ACPR-99999');
    assert.deepEqual(certificate.qcTypes, ['eseal']);
    assert.deepEqual(certificate.psd2?.roles, ['PSP_AI', 'PSP_IC']);
  });

  test('a request signed with an OpenSSL-made key by openssl dgst verifies with our verifier', async () => {
    const { tpp } = opensslPki({
      organizationIdentifier: 'PSDFR-ACPR-99999',
      kind: 'qsealc',
      roles: ['PSP_IC'],
    });
    const message = {
      method: 'POST',
      target: '/stet/psd2/v1/funds-confirmations',
      headers: {
        date: new Date().toUTCString(),
        'content-type': 'application/json',
        'x-request-id': 'req-1',
        digest: computeDigest('{}'),
      },
    };
    const headers = requiredSignedHeaders(Object.keys(message.headers), true);
    const data = signingString(message, headers);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'openstet-key-')), 'tpp.key');
    writeFileSync(keyFile, tpp.privateKeyPem, { mode: 0o600 });
    const signature = execFileSync('openssl', ['dgst', '-sha256', '-sign', keyFile], {
      input: data,
    }).toString('base64');
    rmSync(keyFile);
    const header = `keyId="SN=1,CA=CN=x",algorithm="rsa-sha256",headers="${headers.join(' ')}",signature="${signature}"`;
    const verified = await verifyMessageSignature(message, header, {
      requiredHeaders: headers,
      resolveKey: () => createPublicKey(tpp.certificatePem),
    });
    assert.deepEqual(verified.headers, headers);
    const ours = sign('sha256', Buffer.from(data), tpp.privateKeyPem).toString('base64');
    assert.equal(ours, signature, 'PKCS#1 v1.5 is deterministic: node and openssl agree byte for byte');
  });
});
