import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import pino from 'pino';

const SECRET_FIELDS = [
  'authorization',
  'signature',
  'access_token',
  'refresh_token',
  'code_verifier',
  'otp',
  'password',
  'privateKeyPem',
  'secret',
];

/**
 * Structured logs (pino) that never carry secrets: no headers at all (Authorization, Signature, client
 * certificates), URLs without their query string (codes, tokens), and redaction of secret-named fields
 * up to two levels deep in a logged object.
 */
export function loggerOptions(
  level: string,
  // Asynchronous writes by default: logging never blocks the hot path (DESIGN.md).
  stream: pino.DestinationStream = pino.destination({ dest: 1, sync: false }),
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    stream,
    redact: {
      paths: [
        'req.headers',
        ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        // An authorization code only where one can appear: not `err.code` (ECONNREFUSED, pg codes).
        'code',
        'body.code',
        'query.code',
        'params.code',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: Pick<FastifyRequest, 'method' | 'url' | 'socket'>) => ({
        method: request.method,
        url: request.url.split('?')[0] ?? '/',
        remoteAddress: request.socket?.remoteAddress ?? '',
      }),
    },
  };
}
