import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pemBlocks, readEidasCertificate, serialAndIssuerKeyId } from '@openstet/protocol';
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

/** The bank's seal for response signatures, with its BPCE-form keyId. */
export function loadBankSeal(pki: SandboxPki): TrustChainDeps['bankSeal'] {
  return {
    keyId: serialAndIssuerKeyId(readEidasCertificate(pki.bankSeal.certificatePem)),
    privateKey: createPrivateKey(pki.bankSeal.privateKeyPem),
  };
}
