import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type EidasCertificate,
  keyIdMatches,
  parseKeyId,
  readEidasCertificate,
  serialAndIssuerKeyId,
} from '../src/index.ts';
import { testPki } from './fixtures.ts';

describe('keyId resolution matches the QSealC however the TPP wrote it', () => {
  let qsealc: EidasCertificate;
  before(async () => {
    qsealc = readEidasCertificate((await testPki()).qsealc.certificatePem);
  });

  const matches = (keyId: string) => {
    const parsed = parseKeyId(keyId);
    assert.ok(parsed, `keyId not understood: ${keyId}`);
    return keyIdMatches(parsed, qsealc);
  };

  test('the BPCE form SN=<hex>,CA=<issuer DN> matches, issuer DN containing escaped commas and plus signs', () => {
    const keyId = serialAndIssuerKeyId(qsealc);
    assert.match(keyId, /^SN=[0-9A-F]+,CA=CN=Test QTSP\\, Signing CA,O=QTSP\\\+Test SAS,C=FR$/);
    assert.ok(matches(keyId));
  });

  test('serial in lower case, with leading zeros, 0x prefix or colons still matches', () => {
    const serial = qsealc.serialNumber;
    const issuer = 'C=FR,O=QTSP\\+Test SAS,CN=Test QTSP\\, Signing CA';
    const colons = serial.match(/.{1,2}/g)?.join(':') ?? serial;
    for (const written of [serial.toLowerCase(), `000${serial}`, `0x${serial}`, colons]) {
      assert.ok(matches(`SN=${written},CA=${issuer}`), written);
    }
  });

  test('issuer in X.500 order, with OIDs, spacing, RFC 1779 quotes or URL-encoding still matches', () => {
    const serial = qsealc.serialNumber;
    for (const issuer of [
      'C=FR, O=QTSP\\+Test SAS, CN=Test QTSP\\, Signing CA',
      '2.5.4.6=FR,2.5.4.10=QTSP\\+Test SAS,2.5.4.3=Test QTSP\\, Signing CA',
      'CN="Test QTSP, Signing CA"; O="QTSP+Test SAS"; C=FR',
      'CN=Test%20QTSP%5C%2C%20Signing%20CA,O=QTSP%5C%2BTest%20SAS,C=FR',
    ]) {
      assert.ok(matches(`SN=${serial},CA=${issuer}`), issuer);
    }
    assert.ok(matches(`CA=C=FR,O=QTSP\\+Test SAS,CN=Test QTSP\\, Signing CA,SN=${serial}`));
  });

  test('another serial or another issuer does not match', () => {
    const issuer = 'CN=Test QTSP\\, Signing CA,O=QTSP\\+Test SAS,C=FR';
    assert.ok(!matches(`SN=1${qsealc.serialNumber},CA=${issuer}`));
    assert.ok(!matches(`SN=${qsealc.serialNumber},CA=CN=Test QTSP CA,O=QTSP\\+Test SAS,C=FR`));
  });

  test('a URL keyId matches only the URL the TPP registered; it is never fetched', () => {
    const parsed = parseKeyId('https://tpp.example/certs/qseal.pem');
    assert.deepEqual(parsed, { kind: 'url', url: 'https://tpp.example/certs/qseal.pem' });
    assert.ok(parsed && keyIdMatches(parsed, qsealc, ['https://TPP.example/certs/qseal.pem']));
    assert.ok(parsed && !keyIdMatches(parsed, qsealc, ['https://tpp.example/other.pem']));
    assert.ok(parsed && !keyIdMatches(parsed, qsealc));
  });

  test('text in neither form is not a keyId; parseKeyId never throws (property)', () => {
    assert.equal(parseKeyId('my-key-1'), undefined);
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const parsed = parseKeyId(text);
        if (parsed) assert.equal(typeof keyIdMatches(parsed, qsealc), 'boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
