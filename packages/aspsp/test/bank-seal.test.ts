import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readEidasCertificate, serialAndIssuerKeyId } from '@openstet/protocol';
import { loadBankSeal } from '../src/trust/load-trust.ts';
import { testPki } from './helpers/pki.ts';

const directory = mkdtempSync(join(tmpdir(), 'openstet-seal-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** The bank's own QSealC as OPENSTET_SEAL_CERT_FILE and OPENSTET_SEAL_KEY_FILE give it. */
async function load(certificatePem: string, privateKeyPem: string) {
  const pki = await testPki();
  const sealCertFile = join(directory, 'seal.pem');
  const sealKeyFile = join(directory, 'seal.key');
  writeFileSync(sealCertFile, certificatePem);
  writeFileSync(sealKeyFile, privateKeyPem);
  return loadBankSeal(
    { ca: pki.ca, server: pki.bankSeal, bankSeal: pki.bankSeal },
    { sealCertFile, sealKeyFile },
  );
}

test("the bank's configured seal: an EC QSealC is taken with its keyId; a key of another certificate stops the start", async () => {
  const { acmeEcQseal, bankSeal } = await testPki();
  const ec = await load(acmeEcQseal.certificatePem, acmeEcQseal.privateKeyPem);
  assert.equal(ec.privateKey.asymmetricKeyType, 'ec');
  assert.equal(ec.keyId, serialAndIssuerKeyId(readEidasCertificate(acmeEcQseal.certificatePem)));
  await assert.rejects(
    async () => load(bankSeal.certificatePem, acmeEcQseal.privateKeyPem),
    /OPENSTET_SEAL_KEY_FILE is not the private key of OPENSTET_SEAL_CERT_FILE's certificate/,
  );
});
