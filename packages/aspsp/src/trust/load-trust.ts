import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pemBlocks, readEidasCertificate, serialAndIssuerKeyId, signingKeyProblem } from '@openstet/protocol';
import type { Config } from '../config.ts';
import type { TrustChainDeps } from '../http/trust-chain.ts';
import type { SandboxPki } from './sandbox-pki.ts';
import { createTrustStore, type TrustStore } from './trust-store.ts';

/** Trusted QTSP CAs: the sandbox test CA (unless disabled) and every certificate of the configured files. */
export function loadTrustStore(config: Config, pki: SandboxPki): TrustStore {
  const pems = [
    ...(config.trustSandboxCa ? [pki.ca.certificatePem] : []),
    ...config.trustedCaFiles.flatMap((file) =>
      pemBlocks(readFileSync(file, 'utf8')).map((der) => new X509Certificate(der).toString()),
    ),
  ];
  return createTrustStore(pems.map((pem) => ({ pem, x509: new X509Certificate(pem) })));
}

/**
 * The bank's seal for response signatures (STET CR199), with its BPCE-form keyId: the bank's own QSealC
 * when configured, else the sandbox one.
 */
export function loadBankSeal(
  pki: SandboxPki,
  config?: Pick<Config, 'sealCertFile' | 'sealKeyFile'>,
): TrustChainDeps['bankSeal'] {
  const seal =
    config?.sealCertFile && config.sealKeyFile
      ? {
          certificatePem: readFileSync(config.sealCertFile, 'utf8'),
          privateKeyPem: readFileSync(config.sealKeyFile, 'utf8'),
        }
      : pki.bankSeal;
  const privateKey = createPrivateKey(seal.privateKeyPem);
  const publicKey = createPublicKey(seal.certificatePem);
  const problem = signingKeyProblem(publicKey);
  if (problem) throw new Error(`The bank's QSealC ${problem}`);
  if (!createPublicKey(privateKey).equals(publicKey))
    throw new Error("OPENSTET_SEAL_KEY_FILE is not the private key of OPENSTET_SEAL_CERT_FILE's certificate");
  // The algorithm follows the key: rsa-sha256 for RSA (the STET profile), ecdsa-sha256 for EC.
  return { keyId: serialAndIssuerKeyId(readEidasCertificate(seal.certificatePem)), privateKey };
}
