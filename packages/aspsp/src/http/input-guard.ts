import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { Errors } from './api-error.ts';
import { describeProblem, inspectInput } from './input-inspection.ts';

/**
 * The problem of a request's query string or form fields (`input-inspection.ts`), as a sentence, or
 * undefined. JSON bodies are inspected by their parser (`raw-body.ts`), after the signature on STET routes.
 */
export function queryOrFormProblem(request: FastifyRequest): string | undefined {
  const query = inspectInput(request.query);
  if (query) return describeProblem(query, 'query string');
  const isForm = request.rawBody === undefined && typeof request.body === 'object' && request.body !== null;
  const form = isForm ? inspectInput(request.body) : undefined;
  return form ? describeProblem(form, 'form') : undefined;
}

/** The edge of an API listener: a query string or form the bank refuses is a 400 FF01 naming the field. */
export const rejectBadQueryOrForm: preValidationAsyncHookHandler = async (request) => {
  const problem = queryOrFormProblem(request);
  if (problem) throw Errors.invalidBody(problem);
};
