import { hash, timingSafeEqual } from 'node:crypto';
import { HttpSignatureError } from './errors.ts';

/** Digest algorithms accepted (RFC 3230 §4.3.2, RFC 5843); STET requires SHA-256. */
const ALGORITHMS = { 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;
type DigestAlgorithm = keyof typeof ALGORITHMS;

/** `SHA-256=<base64>` over the exact body bytes (RFC 3230; STET Part I §3.5). */
export function computeDigest(body: Uint8Array | string, algorithm: DigestAlgorithm = 'SHA-256'): string {
  return `${algorithm}=${hash(ALGORITHMS[algorithm], body, 'base64')}`;
}

function supportedAlgorithm(name: string): DigestAlgorithm | undefined {
  const upper = name.trim().toUpperCase();
  return upper in ALGORITHMS ? (upper as DigestAlgorithm) : undefined;
}

/**
 * Checks a `Digest` header against the raw body. Several `alg=value` pairs may be given; every supported
 * one must match and at least one must be present (RFC 3230 §4.3.2). Comparison is constant-time.
 */
export function verifyDigest(header: string, body: Uint8Array): void {
  let checked = 0;
  for (const pair of header.split(',')) {
    const separator = pair.indexOf('=');
    if (separator < 0)
      throw new HttpSignatureError(
        'digest-malformed',
        'Digest header must read "SHA-256=<base64 of the body>"',
      );
    const algorithm = supportedAlgorithm(pair.slice(0, separator));
    if (!algorithm) continue;
    const expected = hash(ALGORITHMS[algorithm], body, 'buffer');
    const given = Buffer.from(pair.slice(separator + 1).trim(), 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpSignatureError(
        'digest-mismatch',
        `Digest ${algorithm} does not match the body: hash the exact bytes sent`,
      );
    }
    checked++;
  }
  if (checked === 0)
    throw new HttpSignatureError(
      'digest-unsupported',
      'Digest must use SHA-256 (RFC 3230), e.g. "SHA-256=<base64>"',
    );
}
