import type { ServerState } from '@openstet/aspsp';

/**
 * The IPC messages between the primary of `openstet serve --workers N` and its workers. Prefixed, so
 * nothing else sent on the channel (node:cluster's own messages are internal) is mistaken for one.
 */

/** Worker → primary: its listeners are open; what the primary publishes in server.json. */
export interface ReadyMessage {
  readonly type: 'openstet:ready';
  readonly state: ServerState;
  readonly warnings: readonly string[];
}

/** Primary → worker: close the listeners (in-flight requests finish), close the database, exit. */
export interface DrainMessage {
  readonly type: 'openstet:drain';
}

export const DRAIN: DrainMessage = Object.freeze({ type: 'openstet:drain' });

const typed = (message: unknown, type: string): boolean =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export const isReady = (message: unknown): message is ReadyMessage => typed(message, 'openstet:ready');
export const isDrain = (message: unknown): message is DrainMessage => typed(message, 'openstet:drain');

/** Which worker a process is (1 to N), given by the primary when it forks it; 1 holds the admin API. */
export const SLOT_ENV = 'OPENSTET_WORKER_SLOT';
export const ADMIN_SLOT = 1;
