import cluster from 'node:cluster';
import { loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { ADMIN_SLOT, isDrain, type ReadyMessage, SLOT_ENV } from './messages.ts';

/**
 * One worker of `openstet serve --workers N`: the whole bank (both listeners, its own database pool and
 * caches) on the listening sockets node:cluster shares between the workers. It neither checks nor
 * writes server.json (the primary does, once), and only worker 1 opens the loopback admin API, so that
 * server.json names one. It stops when the primary says so, or on SIGINT/SIGTERM of its own (Ctrl+C
 * reaches every process of the terminal's group).
 */
export async function serveWorker(): Promise<void> {
  const worker = cluster.worker;
  if (!worker) throw new Error('serveWorker runs in a node:cluster worker only');
  const slot = Number(process.env[SLOT_ENV] ?? ADMIN_SLOT);
  let server: RunningServer;
  try {
    const config = loadConfig();
    server = await startServer(slot === ADMIN_SLOT ? config : { ...config, adminApi: false }, {
      publishState: false,
    });
  } catch (error) {
    // Said here, where the cause is known; the primary sees the exit and decides.
    process.stderr.write(
      `openstet: worker ${slot} (pid ${process.pid}) could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  let draining: Promise<void> | undefined;
  const drain = () => {
    draining ??= server
      .close()
      .catch((error: unknown) => {
        process.stderr.write(`openstet: worker ${slot}: error while stopping: ${String(error)}\n`);
        process.exitCode = 1;
      })
      // Leaving the cluster tells the primary this exit is wanted; the process then ends by itself.
      .then(() => {
        worker.disconnect();
      });
    return draining;
  };
  process.on('message', (message) => {
    if (isDrain(message)) void drain();
  });
  process.once('SIGINT', () => void drain());
  process.once('SIGTERM', () => void drain());
  const ready: ReadyMessage = { type: 'openstet:ready', state: server.state, warnings: server.warnings };
  process.send?.(ready);
  await new Promise<void>((resolve) => worker.once('disconnect', resolve));
}
