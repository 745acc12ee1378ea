export { CURRENCY_PATTERN, isCurrencyCode, minorUnitDigits } from './currency.ts';
export type { DistinguishedName, DnAttribute } from './eidas/distinguished-name.ts';
export { canonicalDn, DnSyntaxError, formatDn, parseDn, sameDn } from './eidas/distinguished-name.ts';
export type { EidasCertificateOptions, KeyAndCertificate, TestCaOptions } from './eidas/issue-certificate.ts';
export { createTestCa, issueEidasCertificate } from './eidas/issue-certificate.ts';
export type { Psd2Role, QcType } from './eidas/oids.ts';
export { isPsd2Role, OID, PSD2_ORGANIZATION_IDENTIFIER, PSD2_ROLES } from './eidas/oids.ts';
export { derToPem, pemBlocks, pemToDer } from './eidas/pem.ts';
export type { Psd2Attributes, QcStatementsContent } from './eidas/qc-statements.ts';
export { decodeQcStatements, encodeQcStatements } from './eidas/qc-statements.ts';
export type { EidasCertificate } from './eidas/read-certificate.ts';
export { hasRole, normaliseSerial, readEidasCertificate } from './eidas/read-certificate.ts';
export type { ErrorCodeEntry, StetErrorCode } from './errors/error-codes.ts';
export { isStetErrorCode, STET_ERROR_CODES } from './errors/error-codes.ts';
export type { ErrorModel } from './errors/error-model.ts';
export { ERROR_MESSAGE_MAX_LENGTH, isErrorModel } from './errors/error-model.ts';
export type { SignatureAlgorithm } from './http-signature/algorithms.ts';
export { computeDigest, verifyDigest } from './http-signature/digest.ts';
export type { SignatureFailure } from './http-signature/errors.ts';
export { HttpSignatureError } from './http-signature/errors.ts';
export type { KeyId } from './http-signature/key-id.ts';
export { keyIdMatches, parseKeyId, serialAndIssuerKeyId } from './http-signature/key-id.ts';
export type { SignOptions } from './http-signature/sign.ts';
export { signMessage } from './http-signature/sign.ts';
export type { SignatureParameters } from './http-signature/signature-header.ts';
export { formatSignatureHeader, parseSignatureHeader } from './http-signature/signature-header.ts';
export { signingKeyProblem } from './http-signature/signing-key-policy.ts';
export type { HeaderValue, SignableMessage } from './http-signature/signing-string.ts';
export { findHeader, signingString } from './http-signature/signing-string.ts';
export { headersToSign, requiredSignedHeaders } from './http-signature/stet-profile.ts';
export type { VerifyOptions } from './http-signature/verify.ts';
export { verifyMessageSignature } from './http-signature/verify.ts';
export { isValidIban, normaliseIban } from './iban.ts';
export type { AmountFailure, Money } from './money.ts';
export { AmountError, addMoney, compareMoney, formatAmount, parseAmount, subtractMoney } from './money.ts';
// Certificate revocation (RFC 5280 §5 CRLs, RFC 6960 OCSP): pure encoders and verifiers, no I/O.
/** Serial numbers, dates and reason of the certificates a CA lists in its CRL; the CRL's validity period. */
export type { CrlTimes, RevokedEntry } from './revocation/create-crl.ts';
/** `createCrl(ca, revoked, times)` → DER of a v2 CRL with cRLNumber and authorityKeyIdentifier, signed by the CA. */
export { createCrl } from './revocation/create-crl.ts';
/** Options of `createOcspRequest`: nonce and CertID hash algorithm. */
export type { OcspRequestOptions } from './revocation/create-ocsp-request.ts';
/** `createOcspRequest(certificate, issuer, options)` → DER of an OCSP request (SHA-1 CertID by default). */
export { createOcspRequest } from './revocation/create-ocsp-request.ts';
/** The answers (`OcspAnswer`) and validity (`OcspResponseOptions`) of a response a CA's responder signs. */
export type { OcspAnswer, OcspResponseOptions } from './revocation/create-ocsp-response.ts';
/** `createOcspResponse(ca, answers, options)` → DER of a successful OCSP response signed by the CA (byKey). */
export { createOcspResponse } from './revocation/create-ocsp-response.ts';
/** Why revocation data was refused (`RevocationFailure`), carried by `RevocationDataError.reason`. */
export type { RevocationFailure } from './revocation/errors.ts';
/** Thrown when a CRL, an OCSP request or response must not be used; the status is then unknown, never good. */
export { RevocationDataError } from './revocation/errors.ts';
/** The CertID of a certificate (RFC 6960 §4.1.1): hash algorithm, issuer name and key hashes, serial. */
export type { OcspCertId } from './revocation/ocsp-cert-id.ts';
/** `ocspCertId(certificate, issuer, hash?)` computes a CertID; `isCertIdOfIssuer` tells a responder it is about its CA. */
export { isCertIdOfIssuer, ocspCertId } from './revocation/ocsp-cert-id.ts';
/** The OCSPResponseStatus names (RFC 6960 §4.2.1); the error ones are what `createOcspErrorResponse` takes. */
export type { OcspErrorStatus, OcspResponseStatus } from './revocation/ocsp-response-status.ts';
/** `createOcspErrorResponse(status)` → DER of an unsigned error response (malformedRequest, unauthorized, …). */
export { createOcspErrorResponse } from './revocation/ocsp-response-status.ts';
/** Hash algorithms of a CertID and CRLReason names (RFC 5280 §5.3.1). */
export type { OcspHashAlgorithm, RevocationReason } from './revocation/oids.ts';
/** A verified complete CRL: thisUpdate, nextUpdate, cRLNumber, revocation dates by normalised serial, distribution point URIs. */
export type { CertificateRevocationList } from './revocation/read-crl.ts';
/** `readCrl(der, issuer)` verifies a CRL's issuer name, signature and scope against the CA certificate and reads it. */
export { readCrl } from './revocation/read-crl.ts';
/** What a client asked a responder: the CertIDs and the nonce. */
export type { OcspRequestContent } from './revocation/read-ocsp-request.ts';
/** `readOcspRequest(der)` reads an OCSP request on the responder side. */
export { readOcspRequest } from './revocation/read-ocsp-request.ts';
/** Inputs (`OcspCheckOptions`) and result (`OcspCertificateStatus`) of `readOcspResponse`. */
export type { OcspCertificateStatus, OcspCheckOptions } from './revocation/read-ocsp-response.ts';
/** `readOcspResponse(der, options)` verifies an OCSP response (signer, CertID, times, maximum age, nonce) and returns the status. */
export { readOcspResponse } from './revocation/read-ocsp-response.ts';
// The STET wire contract: versions, scopes, resources as TypeBox schemas, the operations served, the
// OpenAPI documents built from them, and the body check that names the first field to fix.
/** `compileBodyCheck(schema)` → `(value) => BodyProblem | undefined`; `checkBody(schema, value)` caches the compiled check. */
export type { BodyCheck, BodyProblem } from './stet/check-body.ts';
export { checkBody, compileBodyCheck } from './stet/check-body.ts';
/** `openApiDocument(version, options?)` → the OpenAPI 3.1 document of a version, served at `/stet/psd2/<version>/openapi.json`. */
export type { OpenApiDocument, OpenApiOptions } from './stet/openapi.ts';
export { openApiDocument } from './stet/openapi.ts';
export type {
  HttpMethod,
  OAuthFlow,
  StetOperation,
  StetRequestBody,
  StetResponses,
  StetSuccess,
  VersionSchemas,
} from './stet/operation.ts';
/** `errorStatuses(codes)`: the error statuses an operation answers, each with its codes and headers. */
export type { ErrorStatus } from './stet/operation-errors.ts';
export { errorStatuses } from './stet/operation-errors.ts';
/** `STET_OPERATIONS`: the operations the bank serves; `stetOperation(id)` finds one by STET operationId. */
export type { StetOperationId } from './stet/operations.ts';
export { STET_OPERATIONS, stetOperation } from './stet/operations.ts';
export type { StetParameter, StetParameterId } from './stet/parameters.ts';
export { STET_PARAMETERS } from './stet/parameters.ts';
/** Every request and response body of each version, served or not (the OpenAPI components). */
export { STET_RESOURCES } from './stet/schemas/catalogue.ts';
/** The STET resources by their STET names: `StetSchemas.PaymentCoverageRequestResource['v1.4.2']`, `StetSchemas.AmountType<'v1'>`. */
export * as StetSchemas from './stet/schemas/index.ts';
export type { StetScope } from './stet/scopes.ts';
export { isStetScope, STET_SCOPE_DESCRIPTIONS, STET_SCOPES } from './stet/scopes.ts';
export type { PerVersion, StetVersion } from './stet/versions.ts';
export { isStetVersion, STET_VERSION_LABELS, STET_VERSIONS, stetBasePath } from './stet/versions.ts';
