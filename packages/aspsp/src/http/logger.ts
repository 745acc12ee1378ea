import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import pino from 'pino';

/**
 * Structured logs (pino) that never carry secrets: no headers at all (Authorization, Signature, client
 * certificates), URLs without their query string (codes, tokens), and redaction of secret-named fields
 * anywhere in a logged object.
 */
export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    // Asynchronous writes: logging never blocks the hot path (DESIGN.md).
    stream: pino.destination({ dest: 1, sync: false }),
    redact: {
      paths: [
        'req.headers',
        '*.authorization',
        '*.signature',
        '*.access_token',
        '*.refresh_token',
        '*.code',
        '*.code_verifier',
        '*.otp',
        '*.password',
        '*.privateKeyPem',
        '*.secret',
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
