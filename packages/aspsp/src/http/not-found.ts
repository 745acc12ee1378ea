import type { FastifyInstance } from 'fastify';
import { Errors } from './api-error.ts';
import { sendError } from './render-error.ts';

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\*', '.*'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Unknown paths answer 404 and known paths called with another verb 405 `NIMP` with an `Allow` header
 * (seed: "NIMP | NotImplemented : le mauvais verbe est appelé"), both as ErrorModel. Routes are collected as
 * they are declared, so routes added later (tests, extensions) are covered too.
 */
export function installNotFound(app: FastifyInstance): void {
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      if (method !== 'HEAD') routes.push({ method, pattern: patternOf(route.url) });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [
      ...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method)),
    ];
    if (allowed.length === 0)
      return sendError(
        request,
        reply,
        Errors.notFound(`No resource at ${path}: check the URL and API version`),
      );
    return sendError(
      request,
      reply,
      Errors.methodNotAllowed(
        `${request.method} is not supported on ${path}: use ${allowed.join(' or ')}`,
        allowed,
      ),
    );
  });
}
