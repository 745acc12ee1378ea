import { HttpSignatureError } from './errors.ts';

export type HeaderValue = string | readonly string[] | undefined;

/** An HTTP message as signed: request line parts and headers (any case) as transmitted. */
export interface SignableMessage {
  /** Request method; absent for responses. */
  readonly method?: string;
  /** Path and query exactly as sent on the request line, before any proxy rewrite. */
  readonly target?: string;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly created?: number | undefined;
  readonly expires?: number | undefined;
}

/** Node gives lower-case header names: look them up directly, and scan only for other spellings. */
function rawHeader(headers: SignableMessage['headers'], name: string): HeaderValue {
  // Own properties only: a listed "constructor" or "__proto__" must not find Object.prototype's.
  if (Object.hasOwn(headers, name)) return headers[name];
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function joinValues(value: string | readonly string[]): string {
  return typeof value === 'string' ? value.trim() : value.map((item) => item.trim()).join(', ');
}

/** A header's value whatever the case of its name; repeated headers joined with ", ". */
export function findHeader(headers: SignableMessage['headers'], name: string): string | undefined {
  const value = rawHeader(headers, name.toLowerCase());
  return value === undefined ? undefined : joinValues(value);
}

function pseudoHeader(message: SignableMessage, name: string): string | undefined {
  if (name === '(request-target)') {
    return message.method && message.target !== undefined
      ? `${message.method.toLowerCase()} ${message.target}`
      : undefined;
  }
  if (name === '(created)') return message.created?.toString();
  if (name === '(expires)') return message.expires?.toString();
  return undefined;
}

/**
 * The signing string of draft-cavage-http-signatures-12 §2.3: one `name: value` line per listed header, in
 * the listed order, values trimmed, repeated headers joined with ", ", lines joined by "\n", no trailing
 * newline. A listed header that the message lacks is an error, never an empty line.
 */
export function signingString(message: SignableMessage, headerNames: readonly string[]): string {
  return headerNames
    .map((name) => {
      const value = name.startsWith('(') ? pseudoHeader(message, name) : rawHeader(message.headers, name);
      if (value === undefined) {
        throw new HttpSignatureError(
          'signed-header-absent',
          `Header "${name}" is listed in the Signature but absent`,
        );
      }
      return `${name}: ${joinValues(value)}`;
    })
    .join('\n');
}
