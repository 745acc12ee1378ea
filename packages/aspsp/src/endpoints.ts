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
