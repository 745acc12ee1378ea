import Type, { type TSchema } from 'typebox';
import { RESOURCE_ID_PATTERN } from './schemas/resource-id.ts';
import { STET_VERSIONS, type StetVersion } from './versions.ts';

/** A request parameter of the STET API, named as the 1.4.0.47 Swagger's `parameters` names it where it does. */
export interface StetParameter {
  readonly name: string;
  readonly in: 'header' | 'query' | 'path';
  readonly required: boolean;
  readonly description: string;
  readonly schema: TSchema;
  readonly versions: readonly StetVersion[];
}

const all = STET_VERSIONS;
const text = Type.String();
const header = (name: string, description: string, required = false): StetParameter => ({
  name,
  in: 'header',
  required,
  description,
  schema: text,
  versions: all,
});
const psu = (name: string, description: string) =>
  header(
    name,
    `${description}, as the PSU's terminal gave it to the TPP (STET Part I §3.5: signed when present)`,
  );

/**
 * Every parameter of the STET operations (Swagger 1.4.0.47 `parameters`, a 1.4.2.17 generated client for
 * 1.4.2), plus the headers openstet requires: `Date` (signed, STET Part I §3.5 "if available") and
 * `Content-Type` with a body.
 */
export const STET_PARAMETERS = Object.freeze({
  AuthorizationParameter: header(
    'Authorization',
    'Access token: Bearer <access token> (STET Part I §3.4)',
    true,
  ),
  SignatureHeader: header(
    'Signature',
    'draft-cavage http-signature of the request with the QSealC: keyId "SN=<serial hex>,CA=<issuer DN>" as BPCE documents it, or a URL',
    true,
  ),
  // Optional in STET's schema; openstet requires it on every call with a body, and only those list it.
  DigestHeader: header('Digest', 'SHA-256=<base64 of the SHA-256 of the body> (RFC 3230)', true),
  Correlation: {
    ...header('X-Request-ID', 'Correlation header, echoed on every response, errors included', true),
    schema: Type.String({ maxLength: 70 }),
  },
  DateHeader: header(
    'Date',
    'HTTP date of the request (RFC 9110); signed, and checked against the bank clock',
    true,
  ),
  ContentTypeHeader: header('Content-Type', 'application/json (a call with a body)', true),
  PsuIpAddressHeader: psu(
    'PSU-IP-Address',
    'IP address of the PSU; absent on an unattended call (RTS Art. 36(5))',
  ),
  PsuIpPortHeader: psu('PSU-IP-Port', 'IP port of the PSU'),
  PsuHttpMethodHeader: psu('PSU-HTTP-Method', 'HTTP method of the PSU request'),
  PsuDateHeader: psu('PSU-Date', 'Timestamp of the PSU request'),
  PsuGeoLocation: psu('PSU-GEO-Location', 'Geographical location of the PSU'),
  PsuUserAgentHeader: psu('PSU-User-Agent', '"User-Agent"'),
  PsuRefererHeader: psu('PSU-Referer', '"Referer" (the RFC 1945 spelling)'),
  PsuAcceptHeader: psu('PSU-Accept', '"Accept"'),
  PsuAcceptCharsetHeader: psu('PSU-Accept-Charset', '"Accept-Charset"'),
  PsuAcceptEncodingHeader: psu('PSU-Accept-Encoding', '"Accept-Encoding"'),
  PsuAcceptLanguageHeader: psu('PSU-Accept-Language', '"Accept-Language"'),
  PsuDeviceId: psu('PSU-Device-ID', 'UUID of the device or application installation of the PSU'),
  AccountResourceIdentification: {
    name: 'accountResourceId',
    in: 'path',
    required: true,
    description: 'Identification of account resource to fetch',
    schema: Type.String({ pattern: RESOURCE_ID_PATTERN }),
    versions: all,
  },
  PaymentRequestResourceIdentification: {
    name: 'paymentRequestResourceId',
    in: 'path',
    required: true,
    description: 'Identification of the Payment Request Resource',
    schema: Type.String({ pattern: RESOURCE_ID_PATTERN }),
    versions: all,
  },
  FromImputationDate: query(
    'dateFrom',
    'Inclusive minimal imputation date of the transactions',
    Type.String({ format: 'date-time' }),
    all,
  ),
  ToImputationDate: query(
    'dateTo',
    'Exclusive maximal imputation date of the transactions',
    Type.String({ format: 'date-time' }),
    all,
  ),
  AfterEntryReference: query(
    'afterEntryReference',
    'Only the transactions with a technical identification greater than this value',
    Type.String({ maxLength: 40 }),
    ['v1'],
  ),
  EntryReferenceFrom: query(
    'entryReferenceFrom',
    'Lowest technical identification of the transactions',
    text,
    ['v1.4.2'],
  ),
  /** Spelled `entryReferenceto` (lower-case t) in the 1.4.2.17 generated client: kept as STET spells it. */
  EntryReferenceTo: query('entryReferenceto', 'Highest technical identification of the transactions', text, [
    'v1.4.2',
  ]),
  PageCursor: query(
    'page',
    "openstet's opaque page cursor, as the _links hrefs give it (first, next, prev, last); send it alone",
    Type.String({ maxLength: 120 }),
    all,
  ),
  UiLocales: query(
    'ui_locales',
    'Preferred languages of the PSU for the authentication pages (fr, en)',
    text,
    ['v1.4.2'],
  ),
} as const satisfies Record<string, StetParameter>);

export type StetParameterId = keyof typeof STET_PARAMETERS;

function query(
  name: string,
  description: string,
  schema: TSchema,
  versions: readonly StetVersion[],
): StetParameter {
  return { name, in: 'query', required: false, description, schema, versions };
}
