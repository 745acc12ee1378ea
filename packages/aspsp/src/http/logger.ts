import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import pino from 'pino';
import { censorSecrets } from './log-censor.ts';

/**
 * Structured logs (pino) that never carry secrets: no headers at all (Authorization, Signature, client
 * certificates), URLs without their query string (codes, tokens), and secret-named fields censored up
 * to two levels deep in a logged object (`log-censor.ts`).
 */
export function loggerOptions(
  level: string,
  // Asynchronous writes by default: logging never blocks the hot path (DESIGN.md).
  stream: pino.DestinationStream = pino.destination({ dest: 1, sync: false }),
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    stream,
    formatters: { log: censorSecrets },
    serializers: {
      req: (request: Pick<FastifyRequest, 'method' | 'url' | 'socket'>) => ({
        method: request.method,
        url: request.url.split('?')[0] ?? '/',
        remoteAddress: request.socket?.remoteAddress ?? '',
      }),
    },
  };
}

/**
 * One log line per request, written once it is answered: Fastify's default writes a second line as
 * each request arrives, which doubles the log writes of a card-payment load (ADR 0003). The completed
 * line carries what the arrival line had (method, path, client address) besides status and time; a
 * request that is never answered still has its record in the audit trail (499). Errors, 404s and stream
 * failures are logged as Fastify does.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
