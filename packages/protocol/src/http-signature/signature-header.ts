import { HttpSignatureError } from './errors.ts';

/** The parameters of a draft-cavage `Signature` header (draft-cavage-http-signatures-12 §2.1). */
export interface SignatureParameters {
  readonly keyId: string;
  readonly algorithm: string | undefined;
  /** Lower-cased header names in signing order; `date` when the header omits the list (§2.1.6). */
  readonly headers: readonly string[];
  readonly signature: Buffer;
  readonly created: number | undefined;
  readonly expires: number | undefined;
}

const MAX_LENGTH = 8192;

function malformed(detail: string): HttpSignatureError {
  return new HttpSignatureError('signature-malformed', `Malformed Signature header: ${detail}`);
}

const NAME = /^[a-z][a-z0-9_-]*$/;

/** Index of the closing quote from `from`; only `\"` escapes a quote, as Joyent's parser reads it. */
function closingQuote(header: string, from: number): number {
  let index = header.indexOf('"', from);
  while (index > 0 && header.charCodeAt(index - 1) === 92) index = header.indexOf('"', index + 1);
  return index;
}

function isSeparator(code: number): boolean {
  return code === 32 || code === 9 || code === 44; // space, tab, comma
}

/**
 * Reads `name="value"` or `name=token` pairs; quote-aware, so keyIds such as `SN=1,CA=CN=x,O=y` survive.
 * Other backslashes stay literal, so DN escapes inside a keyId (`CA=CN=Foo\, Inc`) survive too.
 */
function readPairs(header: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let position = 0;
  while (position < header.length) {
    while (position < header.length && isSeparator(header.charCodeAt(position))) position++;
    if (position >= header.length) break;
    const equals = header.indexOf('=', position);
    if (equals < 0) throw malformed('expected name="value" pairs');
    const name = header.slice(position, equals).trim().toLowerCase();
    if (!NAME.test(name)) throw malformed('expected name="value" pairs');
    position = equals + 1;
    let value: string;
    if (header.charCodeAt(position) === 34) {
      const close = closingQuote(header, position + 1);
      if (close < 0) throw malformed(`unterminated quoted value of ${name}`);
      value = header.slice(position + 1, close).replaceAll('\\"', '"');
      position = close + 1;
    } else {
      const end = header.slice(position).search(/[\s,]/);
      value = end < 0 ? header.slice(position) : header.slice(position, position + end);
      position += value.length;
    }
    if (pairs.has(name)) throw malformed(`parameter ${name} is repeated`);
    pairs.set(name, value);
    while (
      position < header.length &&
      (header.charCodeAt(position) === 32 || header.charCodeAt(position) === 9)
    )
      position++;
    if (position < header.length && header[position] !== ',')
      throw malformed('parameters must be separated by ","');
  }
  return pairs;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,12}$/.test(value)) throw malformed(`${name} must be a Unix time in seconds`);
  return Number(value);
}

/** Parses a `Signature` header; throws `HttpSignatureError` with a message naming what to fix. */
export function parseSignatureHeader(header: string): SignatureParameters {
  if (header.length > MAX_LENGTH) throw malformed(`longer than ${MAX_LENGTH} characters`);
  const pairs = readPairs(header.trim());
  // Unknown parameters are ignored (draft-cavage-http-signatures-12 §2.1).
  const keyId = pairs.get('keyid');
  const signature = pairs.get('signature');
  if (!keyId) throw malformed('keyId is missing');
  if (!signature) throw malformed('signature is missing');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) throw malformed('signature is not base64');
  const headers = (pairs.get('headers') ?? 'date').toLowerCase().trim().split(/\s+/);
  return Object.freeze({
    keyId,
    algorithm: pairs.get('algorithm')?.toLowerCase(),
    headers: Object.freeze(headers),
    signature: Buffer.from(signature, 'base64'),
    created: integer('created', pairs.get('created')),
    expires: integer('expires', pairs.get('expires')),
  });
}

function quote(value: string): string {
  return `"${value.replaceAll('"', '\\"')}"`;
}

/** Formats a `Signature` header with no space after commas (Joyent's parser rejects them). */
export function formatSignatureHeader(parameters: Omit<SignatureParameters, 'created' | 'expires'>): string {
  return [
    `keyId=${quote(parameters.keyId)}`,
    ...(parameters.algorithm ? [`algorithm=${quote(parameters.algorithm)}`] : []),
    `headers=${quote(parameters.headers.join(' '))}`,
    `signature=${quote(parameters.signature.toString('base64'))}`,
  ].join(',');
}
