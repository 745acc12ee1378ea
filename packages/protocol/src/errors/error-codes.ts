/**
 * Every `error` code the bank puts in an ErrorModel, with its HTTP status and meaning. The meanings in
 * French are the seed's "Codes erreurs" table of the funds-confirmation service (the BPCE profile; the
 * four without a code in that table are its CFONB ones: AC01, AC04, AC06, FF01); the others are
 * ISO 20022 codes, RFC 7591 §3.2.2 codes, or openstet's names for refusals the profile leaves unnamed.
 * The server's error catalogue and the SDK's `StetError.code` both take `StetErrorCode`.
 */
export const STET_ERROR_CODES = Object.freeze({
  FF01: {
    status: 400,
    source: 'seed',
    meaning: 'InvalidFileFormat => le body ne respecte le format définit par la norme STET',
  },
  AC01: {
    status: 400,
    source: 'seed',
    meaning: 'IncorrectAccountNumber : le numéro de compte est incorrect ou inconnu',
  },
  AC04: { status: 400, source: 'seed', meaning: 'ClosedAccountNumber : le compte est clos' },
  AC06: {
    status: 403,
    source: 'seed',
    meaning: 'BlockedAccount : le compte est bloqué / fait l’objet d’une opposition',
  },
  NGAC: { status: 403, source: 'seed', meaning: 'NotGrantedAccount : le compte n’est pas consenti' },
  IPSU: {
    status: 403,
    source: 'seed',
    meaning: 'InvalidPSU : Numéro d’abonné non référencé ou abonnement banque à distance résilié',
  },
  AM03: {
    status: 400,
    source: 'iso20022',
    meaning:
      'NotAllowedCurrency: the amount is not in the account currency; STET funds checks do not convert',
  },
  BADS: {
    status: 403,
    source: 'seed',
    headers: ['WWW-Authenticate'],
    meaning: 'BadScope : l’appel au service a été fait avec un jeton AISP (CBPII attendu)',
  },
  TMRQ: {
    status: 429,
    source: 'seed',
    headers: ['Retry-After'],
    meaning: 'TooManyRequest : le nombre de requêtes possibles a été dépassé',
  },
  INTS: {
    status: 503,
    source: 'seed',
    headers: ['Retry-After'],
    meaning: 'InternalServerError : il y a une erreur interne de communication avec le SI',
  },
  INTE: { status: 500, source: 'seed', meaning: 'InternalError : il y a une erreur interne de traitement' },
  NIMP: {
    status: 405,
    source: 'seed',
    headers: ['Allow'],
    meaning: 'NotImplemented : le mauvais verbe est appelé (POST attendu)',
  },
  HEADER_INVALID: { status: 400, source: 'openstet', meaning: 'A required header is missing or malformed' },
  SIGNATURE_INVALID: {
    status: 400,
    source: 'openstet',
    meaning: 'The HTTP signature is missing, malformed or does not verify with the registered QSealC',
  },
  DIGEST_INVALID: {
    status: 400,
    source: 'openstet',
    meaning: 'The Digest header is missing or does not match the body',
  },
  REQUEST_REPLAYED: {
    status: 400,
    source: 'openstet',
    meaning: 'A signed request reused an X-Request-ID within the freshness window',
  },
  BAD_REQUEST: {
    status: 400,
    source: 'openstet',
    meaning: 'The request could not be processed as sent (another 4xx status of the HTTP layer may carry it)',
  },
  CERTIFICATE_REQUIRED: {
    status: 401,
    source: 'openstet',
    meaning: 'No client certificate (eIDAS QWAC) was presented',
  },
  TOKEN_INVALID: {
    status: 401,
    source: 'openstet',
    headers: ['WWW-Authenticate'],
    meaning: 'The access token is missing, unknown, expired, revoked or bound to another certificate',
  },
  CERTIFICATE_INVALID: {
    status: 403,
    source: 'openstet',
    meaning: 'The certificate is not a valid eIDAS certificate issued by a QTSP the bank trusts',
  },
  CERTIFICATE_REVOKED: {
    status: 403,
    source: 'openstet',
    meaning: 'The certificate is revoked by its CA (CRL or OCSP)',
  },
  TPP_NOT_LICENSED: {
    status: 403,
    source: 'openstet',
    meaning: 'The TPP is not in the register of licensed TPPs',
  },
  LICENCE_WITHDRAWN: { status: 403, source: 'openstet', meaning: "The TPP's licence was withdrawn" },
  ROLE_MISSING: {
    status: 403,
    source: 'openstet',
    meaning: 'The certificate or the licence lacks the PSD2 role of the operation (ETSI TS 119 495 §5.1)',
  },
  FORBIDDEN: { status: 403, source: 'openstet', meaning: 'Access to the resource is not allowed' },
  NOT_FOUND: { status: 404, source: 'openstet', meaning: 'No such resource or path' },
  PAYMENT_NOT_APPROVED: {
    status: 409,
    source: 'openstet',
    meaning:
      'The PSU has not approved the payment request (or its cancellation) at the consentApproval link yet: the bank executes nothing without them (RTS Art. 5)',
  },
  CONFLICT: {
    status: 409,
    source: 'openstet',
    meaning:
      "The request conflicts with the resource's state: confirmed already, rejected or settled, or a paymentInformationId used within 24 hours for another request (RFC 9110 §15.5.10)",
  },
  MISDIRECTED_REQUEST: {
    status: 421,
    source: 'openstet',
    meaning:
      'The host names no establishment of this bank, or differs from the TLS server name (RFC 9110 §15.5.20)',
  },
  BODY_TOO_LARGE: { status: 413, source: 'openstet', meaning: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    source: 'openstet',
    meaning: 'Content-Type must be application/json',
  },
  REVOCATION_UNAVAILABLE: {
    status: 503,
    source: 'openstet',
    headers: ['Retry-After'],
    meaning: 'No revocation source (CRL or OCSP) of the certificate answered: retry later',
  },
  invalid_client_metadata: {
    status: 400,
    source: 'rfc7591',
    meaning: 'The value of one of the client metadata fields is invalid (RFC 7591 §3.2.2)',
  },
  invalid_redirect_uri: {
    status: 400,
    source: 'rfc7591',
    meaning: 'The value of one or more redirection URIs is invalid (RFC 7591 §3.2.2)',
  },
} as const satisfies Record<string, ErrorCodeEntry>);

export interface ErrorCodeEntry {
  readonly status: number;
  /** Where the code and meaning come from: the seed's table, ISO 20022, RFC 7591, or openstet. */
  readonly source: 'seed' | 'iso20022' | 'rfc7591' | 'openstet';
  readonly meaning: string;
  /** Headers the answer carries besides X-Request-ID (RFC 6750 §3, RFC 9110 §10.2.3 and §15.5.6). */
  readonly headers?: readonly string[];
}

export type StetErrorCode = keyof typeof STET_ERROR_CODES;

export function isStetErrorCode(value: string): value is StetErrorCode {
  return Object.hasOwn(STET_ERROR_CODES, value);
}
