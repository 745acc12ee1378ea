import type { TSchema } from 'typebox';
import type { Psd2Role } from '../eidas/oids.ts';
import type { StetErrorCode } from '../errors/error-codes.ts';
import type { StetParameterId } from './parameters.ts';
import type { StetScope } from './scopes.ts';
import type { StetVersion } from './versions.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** The OAuth2 grants whose tokens an operation takes (STET Part I §3.4: authorization code or client credentials). */
export type OAuthFlow = 'authorizationCode' | 'clientCredentials';
/** A schema for each version the operation exists in. */
export type VersionSchemas = { readonly [V in StetVersion]?: TSchema };

export interface StetRequestBody {
  /** The Swagger's body parameter name (`paymentCoverage`, `paymentRequest`, `access`, …). */
  readonly name: string;
  readonly required: boolean;
  readonly schemas: VersionSchemas;
}

export interface StetSuccess {
  readonly status: 200 | 201 | 204;
  readonly description: string;
  readonly mediaType: string;
  /** Absent when the answer has no body (201 of `PUT /consents`). */
  readonly schemas?: VersionSchemas;
  /** Response headers besides X-Request-ID; `Digest` and `Signature` on a signed response (CR199). */
  readonly headers: readonly string[];
}

/** One operation the bank serves: what the server mounts, the SDK calls and the OpenAPI document shows. */
export interface StetOperation {
  /** STET's operationId. */
  readonly id: string;
  readonly summary: string;
  readonly description: string;
  /** The Swagger tag of each version (the funds check is PIISP in 1.4.0.47, CBPII in 1.4.2). */
  readonly tags: { readonly [V in StetVersion]?: string };
  readonly method: HttpMethod;
  /** Relative to `/stet/psd2/<version>`. */
  readonly path: `/${string}`;
  readonly versions: readonly StetVersion[];
  /** The PSD2 role the TPP's QWAC and licence must carry (ETSI TS 119 495 §5.1). */
  readonly role: Psd2Role;
  /** The bank takes a token carrying any one of these scopes. */
  readonly scopes: readonly StetScope[];
  readonly flows: readonly OAuthFlow[];
  /** The bank signs its 2xx answers with its QSealC (STET CR199). */
  readonly signedResponse: boolean;
  /** Request parameters and headers, required or not (`parameters.ts`). */
  readonly parameters: readonly StetParameterId[];
  readonly requestBody?: StetRequestBody;
  readonly responses: StetResponses;
}

export interface StetResponses {
  readonly success: StetSuccess;
  /** Every ErrorModel `error` code the operation can answer; `errorStatuses` groups them by status. */
  readonly errors: readonly StetErrorCode[];
}
