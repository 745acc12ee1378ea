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
  return Object.hasOwn(ALGORITHMS, upper) ? (upper as DigestAlgorithm) : undefined;
}

function malformed(message: string): HttpSignatureError {
  return new HttpSignatureError('digest-malformed', message);
}

/**
 * The supported `alg=value` pairs of a `Digest` header (RFC 3230 §4.3.2), at most one per algorithm:
 * each one costs a hash of the whole body, so a header repeating one would multiply that work.
 */
function supportedPairs(header: string): Map<DigestAlgorithm, string> {
  const pairs = new Map<DigestAlgorithm, string>();
  for (const pair of header.split(',')) {
    const separator = pair.indexOf('=');
    if (separator < 0) throw malformed('Digest header must read "SHA-256=<base64 of the body>"');
    const algorithm = supportedAlgorithm(pair.slice(0, separator));
    if (!algorithm) continue;
    if (pairs.has(algorithm)) throw malformed(`Digest lists ${algorithm} more than once: send one value`);
    pairs.set(algorithm, pair.slice(separator + 1).trim());
  }
  return pairs;
}

/**
 * Checks a `Digest` header against the raw body. Every supported algorithm given must match, at least one
 * must be given, and each at most once (RFC 3230 §4.3.2). Comparison is constant-time.
 */
export function verifyDigest(header: string, body: Uint8Array): void {
  const pairs = supportedPairs(header);
  if (pairs.size === 0)
    throw new HttpSignatureError(
      'digest-unsupported',
      'Digest must use SHA-256 (RFC 3230), e.g. "SHA-256=<base64>"',
    );
  for (const [algorithm, value] of pairs) {
    const expected = hash(ALGORITHMS[algorithm], body, 'buffer');
    const given = Buffer.from(value, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpSignatureError(
        'digest-mismatch',
        `Digest ${algorithm} does not match the body: hash the exact bytes sent`,
      );
    }
  }
}
