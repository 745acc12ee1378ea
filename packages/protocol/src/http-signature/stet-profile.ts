/**
 * The headers a STET bank requires in the signature: `(request-target)`, `date` and `x-request-id`
 * always, `content-type` and `digest` when there is a body, and every `psu-*` header present (STET
 * Part I §3.5). STET asks for `date` only "if available"; openstet requires it, so that a captured
 * request stops verifying once its `Date` leaves the bank's clock skew, and `content-type`, so that a
 * signed body cannot be relabelled after signing (security review, hardening round).
 */
export function requiredSignedHeaders(presentHeaders: Iterable<string>, hasBody: boolean): string[] {
  const psu = [...presentHeaders].map((name) => name.toLowerCase()).filter((name) => name.startsWith('psu-'));
  return [
    '(request-target)',
    'date',
    ...(hasBody ? ['content-type'] : []),
    'x-request-id',
    ...(hasBody ? ['digest'] : []),
    ...new Set(psu),
  ];
}

/** The headers a TPP signs: exactly what the bank requires (`Date`, and `Content-Type` with a body, must be sent). */
export function headersToSign(presentHeaders: Iterable<string>, hasBody: boolean): string[] {
  return requiredSignedHeaders(presentHeaders, hasBody);
}
