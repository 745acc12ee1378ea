/** Base URLs as TPPs and browsers reach the listeners (issuer, token endpoint, `_links`). */
export interface Endpoints {
  readonly publicUrl: string;
  readonly mtlsUrl: string;
}

/**
 * The listeners' base URLs, known from the configuration except with port 0: the server settles them once
 * it listens, once. Each value handed out is frozen; routes ask for the current one.
 */
export function listenerEndpoints(configured: Endpoints) {
  let current: Endpoints = Object.freeze({ ...configured });
  let settled = false;
  return Object.freeze({
    current: (): Endpoints => current,
    settle(urls: Endpoints): void {
      if (settled) throw new Error('The listeners’ URLs are settled once, when they listen');
      settled = true;
      current = Object.freeze({ ...urls });
    },
  });
}

export type ListenerEndpoints = ReturnType<typeof listenerEndpoints>;

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

function atEstablishment(url: string, code: string): string {
  const moved = new URL(url);
  const domain = moved.hostname.replace(/^www\./, '');
  moved.hostname = LOCAL.has(moved.hostname) ? `${code}.localhost` : `www.${code}.${domain}`;
  return moved.href.replace(/\/$/, '');
}

/**
 * An establishment's own base URLs (DESIGN.md "Establishments"): the configured ones with the host name
 * `<cdetab>.localhost` in the sandbox, `www.<cdetab>.<configured host>` elsewhere (seed:
 * `www.16807.live.api.89c3.com`); port and path kept. Its issuer is therefore the same whichever of its
 * host names a client used, and never a name the client chose.
 */
export function establishmentEndpoints(configured: Endpoints, code: string): Endpoints {
  return Object.freeze({
    publicUrl: atEstablishment(configured.publicUrl, code),
    mtlsUrl: atEstablishment(configured.mtlsUrl, code),
  });
}
