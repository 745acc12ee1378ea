import cluster, { type Worker } from 'node:cluster';
import {
  type Config,
  publishServerState,
  runningServer,
  ServerStartError,
  type ServerState,
} from '@openstet/aspsp';
import { printBanner, printStopping } from './banner.ts';
import { ADMIN_SLOT, DRAIN, isReady, type ReadyMessage, SLOT_ENV } from './messages.ts';
import { prepareDataDirectory } from './prepare.ts';
import { restartPolicy } from './restart-policy.ts';

/** A worker's place (1 to N): a dead worker's replacement takes its slot, and slot 1 the admin API. */
interface Slot {
  readonly number: number;
  readonly worker: Worker;
  readonly forkedAt: number;
  ready: ReadyMessage | undefined;
}

/** How long the workers may take to finish their requests once told to stop, before they are killed. */
const DRAIN_TIMEOUT_MS = 30_000;

const describeExit = (code: number | null, signal: string | null) =>
  signal ? `signal ${signal}` : `code ${code}`;

/**
 * The primary of `openstet serve --workers N` (N ≥ 2, PostgreSQL): it serves nothing itself. It refuses
 * a data directory another server uses, creates the PKI and migrates the database once, forks the N
 * workers (node:cluster: they share the public and mTLS listening sockets, connections spread round
 * robin), publishes server.json (its own pid) once all listen, replaces a worker that dies, and on
 * SIGINT/SIGTERM has every worker drain, then removes server.json. Resolves once everything has stopped;
 * rejects when the workers could not start.
 */
export async function servePrimary(config: Config, count: number): Promise<void> {
  const other = runningServer(config.dataDir);
  if (other)
    throw new ServerStartError(
      `Another openstet server (pid ${other.pid}) uses ${config.dataDir}; stop it first`,
    );
  await prepareDataDirectory(config);
  await new Promise<void>((resolve, reject) =>
    supervise(config, count, (failure) => (failure ? reject(failure) : resolve())),
  );
}

function supervise(config: Config, count: number, done: (failure?: Error) => void): void {
  const out = process.stdout;
  const err = process.stderr;
  const slots = new Map<number, Slot>();
  const restarts = new Set<NodeJS.Timeout>();
  const policy = restartPolicy();
  let phase: 'starting' | 'serving' | 'stopping' | 'stopped' = 'starting';
  let failure: Error | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let latest: ServerState | undefined;
  let published = '';
  let unpublish = () => {};

  /** server.json: the primary's pid, the workers' URLs, and the admin API while worker 1 is up. */
  const publish = () => {
    if (!latest) return;
    const adminUrl = slots.get(ADMIN_SLOT)?.ready?.state.adminUrl;
    const state: ServerState = {
      pid: process.pid,
      publicUrl: latest.publicUrl,
      mtlsUrl: latest.mtlsUrl,
      // Without it (worker 1 being replaced) the CLI writes to PostgreSQL directly, which is safe.
      ...(adminUrl ? { adminUrl } : {}),
      serverFingerprint256: latest.serverFingerprint256,
    };
    const text = JSON.stringify(state);
    if (text === published) return;
    published = text;
    unpublish = publishServerState(config.dataDir, state);
  };

  const finish = () => {
    if (phase === 'stopped') return;
    phase = 'stopped';
    clearTimeout(killTimer);
    unpublish();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    done(failure);
  };

  const stop = () => {
    if (phase === 'stopping' || phase === 'stopped') return;
    phase = 'stopping';
    for (const timer of restarts) clearTimeout(timer);
    restarts.clear();
    if (slots.size === 0) return finish();
    for (const slot of slots.values()) {
      // A worker still starting has nothing to drain, and no handler for the message yet.
      if (slot.ready && slot.worker.isConnected()) slot.worker.send(DRAIN, () => {});
      else slot.worker.process.kill('SIGTERM');
    }
    killTimer = setTimeout(() => {
      for (const slot of slots.values()) {
        err.write(
          `openstet: worker ${slot.number} (pid ${slot.worker.process.pid}) still busy after ${DRAIN_TIMEOUT_MS / 1000} s: killed\n`,
        );
        slot.worker.process.kill('SIGKILL');
      }
      process.exitCode = 1;
    }, DRAIN_TIMEOUT_MS);
  };

  function onSignal(signal: NodeJS.Signals) {
    printStopping(out, signal);
    stop();
  }

  const onReady = (slot: Slot, message: ReadyMessage) => {
    if (slots.get(slot.number) !== slot) return;
    slot.ready = message;
    latest = message.state;
    if (phase === 'stopping') {
      slot.worker.send(DRAIN, () => {});
      return;
    }
    if (phase === 'serving') {
      publish();
      err.write(`openstet: worker ${slot.number} is serving again (pid ${slot.worker.process.pid})\n`);
      return;
    }
    const all = [...slots.values()];
    if (all.length < count || !all.every((each) => each.ready)) return;
    phase = 'serving';
    publish();
    const first = slots.get(ADMIN_SLOT)?.ready ?? message;
    printBanner(out, {
      publicUrl: message.state.publicUrl,
      mtlsUrl: message.state.mtlsUrl,
      dataDir: config.dataDir,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      adminUrl: first.state.adminUrl,
      warnings: first.warnings,
      workerPids: all.sort((a, b) => a.number - b.number).map((each) => each.worker.process.pid ?? 0),
    });
  };

  const replace = (slot: Slot) => {
    const lived = slot.ready ? Date.now() - slot.forkedAt : 0;
    const delay = policy.afterDeath(lived);
    if (delay === undefined) {
      err.write(
        `openstet: workers keep dying as they start: no more replacements (${slots.size} of ${count} workers left)\n`,
      );
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      if (slots.size === 0) {
        failure = new Error('every worker died: stopped');
        stop();
      }
      return;
    }
    err.write(`openstet: starting another worker ${slot.number} in ${delay} ms\n`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (phase === 'serving') fork(slot.number);
    }, delay);
    restarts.add(timer);
  };

  const onExit = (slot: Slot, code: number | null, signal: string | null) => {
    if (slots.get(slot.number) !== slot) return;
    slots.delete(slot.number);
    const how = describeExit(code, signal);
    if (phase === 'stopping') {
      if (slot.ready && code !== 0) {
        err.write(`openstet: worker ${slot.number} (pid ${slot.worker.process.pid}) stopped with ${how}\n`);
        process.exitCode = 1;
      }
      if (slots.size === 0) finish();
      return;
    }
    if (phase === 'starting') {
      failure = new ServerStartError(
        `worker ${slot.number} (pid ${slot.worker.process.pid}) exited with ${how} before listening: not started`,
      );
      stop();
      return;
    }
    err.write(`openstet: worker ${slot.number} (pid ${slot.worker.process.pid}) died (${how})\n`);
    // Its admin API went with it: the CLI uses the database until the replacement listens.
    publish();
    replace(slot);
  };

  function fork(number: number): void {
    const worker = cluster.fork({ [SLOT_ENV]: String(number) });
    const slot: Slot = { number, worker, forkedAt: Date.now(), ready: undefined };
    slots.set(number, slot);
    worker.on('message', (message: unknown) => {
      if (isReady(message)) onReady(slot, message);
    });
    worker.on('error', (error) => err.write(`openstet: worker ${number}: ${error.message}\n`));
    worker.once('exit', (code, signal) => onExit(slot, code, signal));
  }

  // Handlers first: a signal sent as soon as "Press Ctrl+C" appears must already find them.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  for (let number = 1; number <= count; number++) fork(number);
}
