import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from './api-error.ts';
import { describeProblem, inspectInput } from './input-inspection.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: what the Digest covers (RFC 3230; Rabobank-style re-serialisation breaks it). */
    rawBody: Buffer | undefined;
    /**
     * Why the body cannot be taken: not JSON, nested too deep or holding a control character. Reported
     * after the signature check (`rejectBadBody`), so an unsigned request learns nothing more.
     */
    bodyProblem: string | undefined;
  }
}

/**
 * JSON bodies are kept as raw bytes for the Digest and parsed once. A body that is not JSON, or that the
 * bank refuses (`input-inspection.ts`), does not stop the pipeline: the signature is checked first, then
 * `rejectBadBody` answers FF01 naming what to fix.
 */
export function installRawJsonParser(app: FastifyInstance, bodyLimit: number): void {
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('bodyProblem', undefined);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([a-z.+-]+\+)?json$/,
    { parseAs: 'buffer', bodyLimit },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      if (raw.length === 0) return done(null, undefined);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        request.bodyProblem = 'Request body is not valid JSON (RFC 8259)';
        return done(null, undefined);
      }
      const problem = inspectInput(parsed);
      if (!problem) return done(null, parsed);
      request.bodyProblem = describeProblem(problem, 'body');
      done(null, undefined);
    },
  );
}

/** FF01 for a body that is not JSON or is refused; called after the signature check on signed routes. */
export function rejectBadBody(request: FastifyRequest): void {
  if (request.bodyProblem) throw Errors.invalidBody(request.bodyProblem);
}
