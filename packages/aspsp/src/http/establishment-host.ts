import type { TLSSocket } from 'node:tls';
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Establishments } from '../core/establishments/establishment.ts';
import { type Endpoints, establishmentEndpoints } from '../endpoints.ts';
import { Errors } from './api-error.ts';

/** The establishment a request reached, and its listeners' base URLs. */
export interface ReachedEstablishment {
  readonly code: string;
  /** The issuer identifier (RFC 8414 §2) and PSU pages' base of this establishment. */
  readonly publicUrl: string;
  /** The token endpoint's and the STET API's base of this establishment. */
  readonly mtlsUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    establishment: ReachedEstablishment;
  }
}

/** DESIGN.md "Establishments": `www.<cdetab>.<any domain>` (seed: www.16807.live.api.89c3.com) or `<cdetab>.localhost`. */
const NAMED_HOST = /^(?:www\.(\d{5})\.[a-z0-9.-]+|(\d{5})\.localhost)$/;

/** The host name as DNS compares it: lower case, without port, without the root's trailing dot. */
function hostName(host: string | undefined): string {
  const value = (host ?? '').toLowerCase();
  const name = value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : (value.split(':')[0] ?? '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * An onRequest hook naming the establishment from the host (seed: "le code établissement ... permet
 * d'adresser le bon référentiel client"). A TLS server name (SNI) naming an establishment must agree with
 * the `Host` header, or a connection opened for one establishment could carry another's calls (421, RFC
 * 9110 §15.5.20); behind a TLS-terminating proxy (`proxied`) only `Host` counts. A host naming an establishment this bank does not
 * serve is refused rather than answered by another. The URLs an establishment answers with (issuer,
 * `_links`) are its own, derived from the configuration (`establishmentEndpoints`), never the host sent.
 */
export function establishmentHost(deps: {
  readonly establishments: Establishments;
  readonly endpoints: () => Endpoints;
  readonly proxied: boolean;
}): onRequestAsyncHookHandler {
  // An establishment's URLs, worked out once per value of the listeners' URLs (they settle at listen).
  const urls = new WeakMap<Endpoints, Map<string, Endpoints>>();
  const urlsOf = (code: string): Endpoints => {
    const configured = deps.endpoints();
    const byCode = urls.get(configured) ?? new Map<string, Endpoints>();
    urls.set(configured, byCode);
    const found = byCode.get(code) ?? establishmentEndpoints(configured, code);
    byCode.set(code, found);
    return found;
  };
  return async (request) => {
    const host = hostName(request.headers.host);
    const serverName = (request.raw.socket as Partial<TLSSocket>).servername;
    // Only a server name that names an establishment must match: a load balancer re-encrypting with the
    // node's own name (`backend.internal`) leaves the choice to Host.
    if (
      !deps.proxied &&
      typeof serverName === 'string' &&
      NAMED_HOST.test(hostName(serverName)) &&
      hostName(serverName) !== host
    )
      throw Errors.misdirected(
        `Host ${host.slice(0, 64)} differs from the TLS server name ${serverName.slice(0, 64)}`,
      );
    const named = NAMED_HOST.exec(host);
    if (!named) {
      request.establishment = { code: deps.establishments.defaultCode, ...deps.endpoints() };
      return;
    }
    const code = named[1] ?? named[2] ?? '';
    if (!deps.establishments.find(code))
      throw Errors.misdirected(
        `This bank serves no establishment ${code} (seed "Limitations sur les données")`,
      );
    request.establishment = { code, ...urlsOf(code) };
  };
}
