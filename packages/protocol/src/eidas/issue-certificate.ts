import { randomBytes, webcrypto } from 'node:crypto';
import { OID, type Psd2Role, type QcType } from './oids.ts';
import { derToPem } from './pem.ts';
import { encodeQcStatements } from './qc-statements.ts';
import { importSigningKey } from './signing-key.ts';
import { x509 } from './x509-crypto.ts';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A certificate and its private key, both PEM. */
export interface KeyAndCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface TestCaOptions {
  readonly commonName?: string;
  readonly organizationName?: string;
  readonly validityDays?: number;
  /** The CA key, which also signs its CRLs and OCSP responses: `rsa` (RSA-2048, the default) or `ec` (P-256). */
  readonly keyType?: 'rsa' | 'ec';
}

export interface EidasCertificateOptions {
  /** `qwac` (QcType web, TLS client and server) or `qsealc` (QcType eseal, signatures). */
  readonly kind: 'qwac' | 'qsealc';
  readonly organizationIdentifier: string;
  readonly organizationName: string;
  readonly commonName?: string;
  readonly country?: string;
  readonly roles: readonly Psd2Role[];
  readonly ncaName?: string;
  readonly ncaId?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** The subject's key: `rsa` (RSA-2048, the default) or `ec` (ECDSA P-256); both are ETSI TS 119 312 suites. */
  readonly keyType?: 'rsa' | 'ec';
  /**
   * RSA modulus length (default 2048). Less issues the weak keys QTSPs once issued, so that a bank can
   * test how it refuses them.
   */
  readonly rsaModulusLength?: number;
  /** Where the CA publishes its CRL: a CRL Distribution Points extension (RFC 5280 §4.2.1.13). */
  readonly crlUrl?: string;
  /** The CA's OCSP responder: an Authority Information Access id-ad-ocsp entry (RFC 5280 §4.2.2.1). */
  readonly ocspUrl?: string;
}

const RSA_KEY: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

const EC_KEY: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

const DAY_MS = 86_400_000;

/** A positive, random 128-bit serial (RFC 5280 §4.1.2.2). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

async function generateKeys(keyType: 'rsa' | 'ec' = 'rsa', rsaModulusLength = 2048): Promise<CryptoKeyPair> {
  const algorithm = keyType === 'ec' ? EC_KEY : { ...RSA_KEY, modulusLength: rsaModulusLength };
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return derToPem(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** Creates a self-signed test QTSP root CA. Test use only: never trust it in production. */
export async function createTestCa(options: TestCaOptions = {}): Promise<KeyAndCertificate> {
  const keys = await generateKeys(options.keyType);
  const name = new x509.Name([
    { C: [{ printableString: 'FR' }] },
    { O: [{ utf8String: options.organizationName ?? 'openstet sandbox' }] },
    { CN: [{ utf8String: options.commonName ?? 'openstet Test QTSP CA' }] },
  ]);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    keys,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + (options.validityDays ?? 3650) * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return Object.freeze({
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await exportPrivateKey(keys.privateKey),
  });
}

function subjectName(options: EidasCertificateOptions): x509.Name {
  // Object values are taken verbatim: @peculiar/x509 would otherwise parse commas and quotes in names.
  return new x509.Name([
    { C: [{ printableString: options.country ?? 'FR' }] },
    { O: [{ utf8String: options.organizationName }] },
    { [OID.organizationIdentifier]: [{ utf8String: options.organizationIdentifier }] },
    { CN: [{ utf8String: options.commonName ?? options.organizationName }] },
  ]);
}

function usageExtensions(options: EidasCertificateOptions): x509.Extension[] {
  const flags = x509.KeyUsageFlags;
  if (options.kind === 'qsealc') {
    return [new x509.KeyUsagesExtension(flags.digitalSignature | flags.nonRepudiation, true)];
  }
  const names = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  return [
    // keyEncipherment is for RSA key transport only (RFC 5480 §3 forbids it on an EC key).
    new x509.KeyUsagesExtension(
      flags.digitalSignature | (options.keyType === 'ec' ? 0 : flags.keyEncipherment),
      true,
    ),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
    new x509.CertificatePolicyExtension([OID.qcpWebPsd2]),
    ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
  ];
}

/** Where relying parties find the certificate's revocation status; both non-critical (RFC 5280 §4.2.1.13, §4.2.2.1). */
function revocationExtensions(options: EidasCertificateOptions): x509.Extension[] {
  return [
    ...(options.crlUrl ? [new x509.CRLDistributionPointsExtension([options.crlUrl])] : []),
    ...(options.ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: options.ocspUrl })] : []),
  ];
}

/**
 * Issues a test QWAC or QSealC carrying the ETSI TS 119 495 PSD2 QcStatement (roles, NCA name and id),
 * the QcType and the organizationIdentifier, signed by the given CA.
 */
export async function issueEidasCertificate(
  ca: KeyAndCertificate,
  options: EidasCertificateOptions,
): Promise<KeyAndCertificate> {
  const keys = await generateKeys(options.keyType, options.rsaModulusLength);
  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const qcType: QcType = options.kind === 'qwac' ? 'web' : 'eseal';
  const psd2 = {
    roles: options.roles,
    ncaName: options.ncaName ?? 'ACPR',
    ncaId: options.ncaId ?? 'FR-ACPR',
  };
  const signing = await importSigningKey(ca.privateKeyPem);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: subjectName(options),
    issuer: caCertificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: signing.key,
    signingAlgorithm: signing.algorithm,
    notBefore: options.notBefore ?? new Date(now - DAY_MS),
    notAfter: options.notAfter ?? new Date(now + 825 * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...usageExtensions(options),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
      new x509.Extension(OID.qcStatements, false, encodeQcStatements(qcType, psd2)),
      ...revocationExtensions(options),
    ],
  });
  return Object.freeze({
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await exportPrivateKey(keys.privateKey),
  });
}
