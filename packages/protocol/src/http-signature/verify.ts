import type { KeyObject } from 'node:crypto';
import { isSupportedAlgorithm, verifyBytes } from './algorithms.ts';
import { verifyDigest } from './digest.ts';
import { HttpSignatureError } from './errors.ts';
import { parseSignatureHeader, type SignatureParameters } from './signature-header.ts';
import { findHeader, type SignableMessage, signingString } from './signing-string.ts';

export interface VerifyOptions {
  /** Headers that must be covered (see `requiredSignedHeaders`). */
  readonly requiredHeaders: readonly string[];
  /** Finds the public key a keyId names; throws `HttpSignatureError('key-id-unknown', …)` when none. */
  readonly resolveKey: (keyId: string) => KeyObject;
  readonly now?: number;
  /** Accepted distance between a signed `Date` and the bank's clock (Joyent's default, 300 s). */
  readonly clockSkewSeconds?: number;
  /**
   * The raw body. When given, a non-empty body needs a `Digest` header and any `Digest` must match it
   * (RFC 3230, STET Part I §3.5); checked before the signature, over the exact bytes received.
   */
  readonly body?: Uint8Array;
}

function fail(reason: ConstructorParameters<typeof HttpSignatureError>[0], message: string): never {
  throw new HttpSignatureError(reason, message);
}

function checkCoverage(parameters: SignatureParameters, required: readonly string[]): void {
  const missing = required.find((name) => !parameters.headers.includes(name));
  if (missing) fail('header-not-signed', `The Signature must cover "${missing}": add it to headers=`);
  const timed = parameters.headers.some((name) => name === '(created)' || name === '(expires)');
  // (created)/(expires) are forbidden with rsa-* and ecdsa-* algorithms (draft-cavage-http-signatures-12 §2.3).
  if (timed && parameters.algorithm !== undefined && parameters.algorithm !== 'hs2019') {
    fail(
      'signature-malformed',
      'Malformed Signature header: (created) and (expires) need algorithm="hs2019"',
    );
  }
}

function checkTime(message: SignableMessage, parameters: SignatureParameters, options: VerifyOptions): void {
  const now = options.now ?? Date.now();
  const skewMs = (options.clockSkewSeconds ?? 300) * 1000;
  if (parameters.headers.includes('date')) {
    const raw = findHeader(message.headers, 'date');
    if (raw === undefined) fail('date-invalid', 'Date header is missing: send the current date and sign it');
    const date = Date.parse(raw);
    // An unparseable Date must fail (node-http-signature#121 accepted `Date: aaaa`).
    if (Number.isNaN(date)) fail('date-invalid', 'Date header is not an HTTP date (RFC 9110 §5.6.7)');
    if (Math.abs(date - now) > skewMs)
      fail('date-invalid', `Date is more than ${skewMs / 1000} s away from the bank's clock`);
  }
  if (parameters.created !== undefined && parameters.created * 1000 > now + skewMs) {
    fail('date-invalid', 'Signature created is in the future');
  }
  if (parameters.expires !== undefined && parameters.expires * 1000 < now) {
    fail('signature-expired', 'Signature has expired (expires=)');
  }
}

/**
 * Verifies a draft-cavage `Signature` header: syntax, required coverage, Date freshness, the body Digest,
 * key resolution and the cryptographic check, in that order. Returns the parsed parameters; throws
 * `HttpSignatureError` naming the first failed check.
 */
export async function verifyMessageSignature(
  message: SignableMessage,
  header: string | undefined,
  options: VerifyOptions,
): Promise<SignatureParameters> {
  if (!header)
    fail(
      'signature-missing',
      'Missing Signature header: sign the request with your QSealC (STET Part I §3.5)',
    );
  const parameters = parseSignatureHeader(header);
  if (!isSupportedAlgorithm(parameters.algorithm)) {
    fail('algorithm-unsupported', 'Signature algorithm must be "rsa-sha256", "ecdsa-sha256" or "hs2019"');
  }
  const digest = findHeader(message.headers, 'digest') || undefined;
  if (options.body && options.body.length > 0 && digest === undefined) {
    fail('digest-missing', 'Missing Digest header: send SHA-256=<base64 of the body> and sign it');
  }
  checkCoverage(parameters, options.requiredHeaders);
  checkTime(message, parameters, options);
  if (options.body && digest !== undefined) verifyDigest(digest, options.body);
  const data = Buffer.from(
    signingString(
      { ...message, created: parameters.created, expires: parameters.expires },
      parameters.headers,
    ),
    'utf8',
  );
  const key = options.resolveKey(parameters.keyId);
  if (!(await verifyBytes(parameters.algorithm, data, key, parameters.signature))) {
    fail(
      'signature-invalid',
      `Signature does not verify with the registered QSealC (${key.asymmetricKeyType} key): check the signing string, the key and algorithm=`,
    );
  }
  return parameters;
}
