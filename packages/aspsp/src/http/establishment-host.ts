import type { TLSSocket } from 'node:tls';
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Establishments } from '../core/establishments/establishment.ts';
import type { Endpoints } from '../endpoints.ts';
import { Errors } from './api-error.ts';

/** The establishment a request reached, and the listeners' base URLs at that host. */
export interface ReachedEstablishment {
  readonly code: string;
  /** The issuer identifier (RFC 8414 §2) and PSU pages' base at this host. */
  readonly publicUrl: string;
  /** The token endpoint's and the STET API's base at this host. */
  readonly mtlsUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    establishment: ReachedEstablishment;
  }
}

/** DESIGN.md "Establishments": `www.<cdetab>.<any domain>` (seed: www.16807.live.api.89c3.com) or `<cdetab>.localhost`. */
const NAMED_HOST = /^(?:www\.(\d{5})\.[a-z0-9.-]+|(\d{5})\.localhost)$/;

function hostname(host: string | undefined): string {
  const value = (host ?? '').toLowerCase();
  return value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : (value.split(':')[0] ?? '');
}

function atHost(url: string, host: string): string {
  const moved = new URL(url);
  moved.hostname = host;
  return moved.origin;
}

/**
 * An onRequest hook naming the establishment from the host (seed: "le code établissement ... permet
 * d'adresser le bon référentiel client"). The TLS server name (SNI) and the `Host` header must agree, or a
 * connection opened for one establishment could carry another's calls (421, RFC 9110 §15.5.20); behind a
 * TLS-terminating proxy (`proxied`) only `Host` counts. A host naming an establishment this bank does not
 * serve is refused rather than answered by another.
 */
export function establishmentHost(deps: {
  readonly establishments: Establishments;
  readonly endpoints: () => Endpoints;
  readonly proxied: boolean;
}): onRequestAsyncHookHandler {
  return async (request) => {
    const host = hostname(request.headers.host);
    const serverName = (request.raw.socket as Partial<TLSSocket>).servername;
    if (!deps.proxied && typeof serverName === 'string' && serverName.toLowerCase() !== host)
      throw Errors.misdirected(
        `Host ${host.slice(0, 64)} differs from the TLS server name ${serverName.slice(0, 64)}`,
      );
    const endpoints = deps.endpoints();
    const named = NAMED_HOST.exec(host);
    if (!named) {
      request.establishment = { code: deps.establishments.defaultCode, ...endpoints };
      return;
    }
    const code = named[1] ?? named[2] ?? '';
    if (!deps.establishments.find(code))
      throw Errors.misdirected(
        `This bank serves no establishment ${code} (seed "Limitations sur les données")`,
      );
    request.establishment = {
      code,
      publicUrl: atHost(endpoints.publicUrl, host),
      mtlsUrl: atHost(endpoints.mtlsUrl, host),
    };
  };
}
