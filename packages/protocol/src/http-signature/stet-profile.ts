/**
 * The headers a STET bank requires in the signature: `(request-target)` and `x-request-id` always,
 * `digest` when there is a body, and every `psu-*` header present (STET Part I §3.5). `date` is not
 * required (STET: "if available") but is checked when signed.
 */
export function requiredSignedHeaders(presentHeaders: Iterable<string>, hasBody: boolean): string[] {
  const psu = [...presentHeaders].map((name) => name.toLowerCase()).filter((name) => name.startsWith('psu-'));
  return ['(request-target)', 'x-request-id', ...(hasBody ? ['digest'] : []), ...new Set(psu)];
}

/** The headers a TPP signs: the required set plus `date` and `content-type` when present. */
export function headersToSign(presentHeaders: Iterable<string>, hasBody: boolean): string[] {
  const present = new Set([...presentHeaders].map((name) => name.toLowerCase()));
  const optional = ['date', 'content-type'].filter((name) => present.has(name));
  const [target, ...rest] = requiredSignedHeaders(present, hasBody);
  return [target ?? '(request-target)', ...optional, ...rest];
}
