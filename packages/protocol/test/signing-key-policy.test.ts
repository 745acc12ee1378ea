import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { signingKeyProblem } from '../src/index.ts';

test('a registered QSealC key: RSA from 2048 bits and ECDSA on the ETSI curves pass; weaker or other keys are named', () => {
  const rsa = (modulusLength: number) => generateKeyPairSync('rsa', { modulusLength }).publicKey;
  const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).publicKey;
  assert.equal(signingKeyProblem(rsa(2048)), undefined);
  assert.equal(signingKeyProblem(rsa(3072)), undefined);
  assert.equal(signingKeyProblem(ec('P-256')), undefined);
  assert.equal(signingKeyProblem(ec('P-384')), undefined);
  assert.equal(signingKeyProblem(ec('brainpoolP256r1')), undefined);
  assert.equal(signingKeyProblem(rsa(1024)), 'has an RSA key under 2048 bits');
  assert.equal(
    signingKeyProblem(ec('secp256k1')),
    'has an EC key off the ETSI TS 119 312 curves (P-256, P-384, P-521, Brainpool)',
  );
  assert.equal(
    signingKeyProblem(generateKeyPairSync('ed25519').publicKey),
    'must hold an RSA or EC key (rsa-sha256, ecdsa-sha256 or hs2019)',
  );
});
