import Type, { type Static } from 'typebox';
import { expects, StringEnum } from './schema-kit.ts';

const NAME = 'a non-empty string of at most 140 characters (shown to customers)';
const PEM = 'your QSealC as a PEM string';
const URL_TEXT = 'an https URL (used as keyId, never fetched)';
/** A QSealC in PEM is 2 to 4 KB: the cap is checked before any parsing. */
export const MAX_SIGNING_CERTIFICATE_LENGTH = 16 * 1024;

/**
 * The registration body of `POST /register` (mTLS listener): openstet's subset of RFC 7591 §2 client
 * metadata, as BPCE exposes `/register` (not a STET operation). `client_id` is the QWAC's
 * organizationIdentifier (STET Part I §3.4, ETSI TS 119 495 §5.2.1). The bank checks after the schema what
 * a schema cannot: each URI is absolute, https (http on loopback only), without fragment or user
 * information (RFC 6749 §3.1.2, RFC 9700 §4.1), and the certificate is a QSealC of the same organisation.
 */
export const ClientRegistrationRequest = Type.Object(
  {
    client_id: Type.Optional(Type.String({ description: 'Your organizationIdentifier, or absent' })),
    redirect_uris: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: 140,
        ...expects('a non-empty string', { missing: 'must be a non-empty string' }),
      }),
      {
        minItems: 1,
        maxItems: 10,
        description: 'Where the bank sends the PSU back after authorization (seed: 140 characters each)',
        ...expects('a non-empty array of URLs', {
          missing: 'must be a non-empty array of URLs',
          maxItems: 'holds at most 10 URLs',
        }),
      },
    ),
    client_name: Type.String({
      minLength: 1,
      maxLength: 140,
      pattern: '\\S',
      description: 'Name of the TPP shown to customers on the consent pages',
      ...expects(NAME, { missing: `must be ${NAME}`, maxLength: `must be ${NAME}` }),
    }),
    signing_certificate: Type.String({
      maxLength: MAX_SIGNING_CERTIFICATE_LENGTH,
      pattern: '-----BEGIN CERTIFICATE-----',
      description: 'The QSealC that signs your requests (PEM)',
      ...expects(PEM, {
        missing: `must be ${PEM}`,
        maxLength: `is longer than ${MAX_SIGNING_CERTIFICATE_LENGTH} characters: send your QSealC alone`,
      }),
    }),
    signing_certificate_url: Type.Optional(
      Type.Union([Type.String({ pattern: '^https://', format: 'uri' }), Type.Null()], {
        description: 'The keyId your signatures carry when it is a URL; the bank never fetches it',
        ...expects(URL_TEXT, { missing: `must be ${URL_TEXT}`, pattern: `must be ${URL_TEXT}` }),
      }),
    ),
    require_pkce: Type.Optional(
      Type.Union([Type.Boolean(), Type.Null()], {
        description: 'Whether the bank must refuse an authorization request without PKCE (RFC 7636)',
        ...expects('true or false', { missing: 'must be true or false' }),
      }),
    ),
  },
  {
    title: 'ClientRegistrationRequest',
    description: 'Client metadata of a TPP registration (RFC 7591 §2)',
    ...expects('a JSON object with redirect_uris, client_name and signing_certificate'),
  },
);
export type ClientRegistrationRequest = Static<typeof ClientRegistrationRequest>;

/** The 201 answer of `POST /register` (RFC 7591 §3.2.1), the same when a registration is replaced. */
export const ClientInformationResponse = Type.Object(
  {
    client_id: Type.String({ description: "The QWAC's organizationIdentifier, e.g. PSDFR-ACPR-12345" }),
    client_id_issued_at: Type.Integer({ description: 'Seconds since the epoch of the first registration' }),
    client_name: Type.String(),
    redirect_uris: Type.Array(Type.String()),
    token_endpoint_auth_method: StringEnum(['tls_client_auth'], { description: 'RFC 8705 §2.1' }),
    grant_types: Type.Array(StringEnum(['authorization_code', 'refresh_token', 'client_credentials'])),
    response_types: Type.Array(StringEnum(['code'])),
    signing_certificate_serial: Type.String({ description: 'Serial number of the registered QSealC' }),
    signing_certificate_issuer: Type.String({ description: 'Issuer DN of the registered QSealC' }),
    require_pkce: Type.Boolean(),
    signing_certificate_url: Type.Optional(Type.String()),
  },
  { title: 'ClientInformationResponse', description: 'The registered client (RFC 7591 §3.2.1)' },
);
export type ClientInformationResponse = Static<typeof ClientInformationResponse>;
