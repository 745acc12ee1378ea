import { createTestCa, issueEidasCertificate } from '@openstet/protocol';
import type { LoopbackTls } from './loopback-callback.ts';

/** A loopback certificate and the CA that issued it, which only this process trusts. */
export interface LoopbackCertificate extends LoopbackTls {
  readonly ca: string;
}

const DAY_MS = 86_400_000;

/**
 * A TLS certificate for `https://127.0.0.1`, made for one run and then forgotten. STET wants the payment
 * report URLs "used in a TLS-secured request" (SupplementaryData), and the bank refuses an http one, so the
 * loopback callback (RFC 8252 §7.3) speaks https. Its CA exists only in this process: a browser warns about
 * it (the page behind the warning is this command's own), the persona driver trusts it.
 */
export async function loopbackCertificate(): Promise<LoopbackCertificate> {
  const ca = await createTestCa({
    commonName: 'openstet CLI loopback (this run only)',
    keyType: 'ec',
    validityDays: 1,
  });
  const now = Date.now();
  const leaf = await issueEidasCertificate(ca, {
    kind: 'qwac',
    organizationIdentifier: 'PSDFR-ACPR-00000',
    organizationName: 'openstet CLI loopback',
    commonName: '127.0.0.1',
    roles: ['PSP_PI'],
    ipAddresses: ['127.0.0.1'],
    keyType: 'ec',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + DAY_MS),
  });
  return { cert: leaf.certificatePem, key: leaf.privateKeyPem, ca: ca.certificatePem };
}
