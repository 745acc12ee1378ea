/** The response headers of the STET API (1.4.0.47 `responses` headers, and openstet's HTTP ones). */
export const RESPONSE_HEADERS = Object.freeze({
  'X-Request-ID': {
    description: 'Correlation header: the X-Request-ID of the request, on every response, errors included',
    schema: { type: 'string' },
  },
  Digest: {
    description: 'SHA-256=<base64> of the response body (RFC 3230), signed by the bank (STET CR199)',
    schema: { type: 'string' },
  },
  Signature: {
    description: "http-signature of the response with the bank's QSealC (draft-cavage; STET CR199)",
    schema: { type: 'string' },
  },
  Location: { description: 'URI of the created resource', schema: { type: 'string' } },
  'Retry-After': {
    description: 'Seconds to wait before retrying (RFC 9110 §10.2.3)',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': {
    description: 'Bearer error="invalid_token" or error="insufficient_scope" (RFC 6750 §3)',
    schema: { type: 'string' },
  },
  Allow: { description: 'The methods the path accepts (RFC 9110 §10.2.1)', schema: { type: 'string' } },
});
