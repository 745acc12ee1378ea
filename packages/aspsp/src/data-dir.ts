import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running server publishes in its data directory, for the CLI to reach it (and to lock PGlite). */
export interface ServerState {
  readonly pid: number;
  readonly publicUrl: string;
  readonly mtlsUrl: string;
  /** Loopback URL of the admin API (its own listener on 127.0.0.1), when it listens (`OPENSTET_ADMIN_API`). */
  readonly adminUrl?: string;
  /** SHA-256 fingerprint of the server certificate: the CLI pins it when calling the admin API. */
  readonly serverFingerprint256: string;
}

const STATE_FILE = 'server.json';
const SECRET_FILE = 'admin.secret';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server of this data directory, if any (a state file left by a crashed server is ignored). */
export function runningServer(dataDir: string): ServerState | undefined {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as ServerState;
    return typeof state.pid === 'number' && alive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `server.json` (again, when a `serve --workers` primary learns new URLs): written beside it,
 * then renamed over it, so a CLI reading it never sees half a file. Returns the function removing it.
 */
export function publishServerState(dataDir: string, state: ServerState): () => void {
  const file = join(dataDir, STATE_FILE);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return () => rmSync(file, { force: true });
}

/** The admin secret (256 bits), created on first use, readable by the data directory's owner only. */
export function adminSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
