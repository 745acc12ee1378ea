import { ERROR_MESSAGE_MAX_LENGTH, type ErrorModel, HttpSignatureError } from '@openstet/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, Errors } from './api-error.ts';

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** Fastify's own refusals (content type, body size, JSON syntax, schema validation) in our catalogue. */
function fromFastify(error: FastifyError): ApiError | undefined {
  if (error.validation) {
    const [first] = error.validation;
    const where = error.validationContext ?? 'body';
    const field = `${where}${first?.instancePath.replaceAll('/', '.') ?? ''}`;
    const message = `${field} ${first?.message ?? 'is invalid'}`;
    return where === 'body' ? Errors.invalidBody(message) : Errors.invalidHeader(message);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return Errors.unsupportedMediaType('Content-Type must be application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return Errors.payloadTooLarge('Request body is too large');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return Errors.invalidBody('Request body is not valid JSON');
    default:
      return error.statusCode && error.statusCode >= 400 && error.statusCode < 500
        ? new ApiError(error.statusCode, 'BAD_REQUEST', 'The request could not be processed as sent')
        : undefined;
  }
}

/** Maps anything thrown to the catalogue; unknown errors become INTE without any internal detail. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpSignatureError) {
    return error.reason.startsWith('digest-')
      ? Errors.invalidDigest(error.message)
      : Errors.invalidSignature(error.message);
  }
  if (error instanceof Error && 'code' in error)
    return fromFastify(error as FastifyError) ?? Errors.internal();
  return Errors.internal();
}

export function errorBody(request: FastifyRequest, error: ApiError): ErrorModel {
  return {
    timestamp: request.server.now().toISOString(),
    status: error.status,
    error: error.code,
    message: truncate(error.message, ERROR_MESSAGE_MAX_LENGTH),
    path: truncate(request.url.split('?')[0] ?? '/', 140),
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .headers(error.headers)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(errorBody(request, error));
}

/** One handler renders every error as the STET ErrorModel (DESIGN habit 3); 5xx are logged, never shown. */
export function installErrorRenderer(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, apiError);
  });
}
