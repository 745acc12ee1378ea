import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from './api-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: what the Digest covers (RFC 3230; Rabobank-style re-serialisation breaks it). */
    rawBody: Buffer | undefined;
    /** Set when the body is not valid JSON; reported after the signature check (`rejectInvalidJson`). */
    bodySyntaxError: boolean;
  }
}

/**
 * JSON bodies are kept as raw bytes for the Digest and parsed once. A syntax error does not stop the
 * pipeline: the signature is checked first, then `rejectInvalidJson` answers FF01.
 */
export function installRawJsonParser(app: FastifyInstance, bodyLimit: number): void {
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('bodySyntaxError', false);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([a-z.+-]+\+)?json$/,
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      if (raw.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(raw.toString('utf8')));
      } catch {
        request.bodySyntaxError = true;
        done(null, undefined);
      }
    },
  );
}

/** FF01 for a body that is not JSON; called after the signature check on signed routes. */
export function rejectInvalidJson(request: FastifyRequest): void {
  if (request.bodySyntaxError) throw Errors.invalidBody('Request body is not valid JSON (RFC 8259)');
}
