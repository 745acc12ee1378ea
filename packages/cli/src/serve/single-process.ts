import { type Config, startServer } from '@openstet/aspsp';
import { printBanner, printStopping } from './banner.ts';

/** `openstet serve` with one worker (the default): the whole bank in this process, as always. */
export async function serveInProcess(config: Config): Promise<void> {
  const server = await startServer(config);
  const out = process.stdout;
  // Handlers first: a signal sent as soon as "Press Ctrl+C" appears must already find them.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      printStopping(out, signal);
      server.close().then(resolve, (error: unknown) => {
        process.stderr.write(`openstet: error while stopping: ${String(error)}\n`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  printBanner(out, server);
  await stopped;
}
