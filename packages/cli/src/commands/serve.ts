import cluster from 'node:cluster';
import { loadConfig } from '@openstet/aspsp';
import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { servePrimary } from '../serve/primary.ts';
import { serveInProcess } from '../serve/single-process.ts';
import { serveWorker } from '../serve/worker.ts';
import { MAX_WORKERS, workerCount } from '../serve/workers-option.ts';

async function serve(options: { readonly workers: number }): Promise<void> {
  // node:cluster runs this same command line again in each worker.
  if (cluster.isWorker) return serveWorker();
  const config = loadConfig();
  if (options.workers === 1) return serveInProcess(config);
  if (!config.databaseUrl)
    throw new UsageError(
      `--workers ${options.workers} needs PostgreSQL: set DATABASE_URL (the embedded PGlite database belongs to one process)`,
    );
  return servePrimary(config, options.workers);
}

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'run the sandbox bank: public listener (PSU pages, metadata) and mTLS listener (API, token, register)',
    )
    .addOption(
      new Option(
        '--workers <n>',
        `processes serving both listeners, 1 to ${MAX_WORKERS}; more than 1 needs DATABASE_URL`,
      )
        .env('OPENSTET_WORKERS')
        .argParser(workerCount)
        .default(1),
    )
    .addHelpText(
      'after',
      `
With --workers N (N > 1) a primary process forks N workers (node:cluster) that share the two listening
sockets; it restarts a worker that dies and, on SIGINT/SIGTERM, has them finish their requests. The
database must be PostgreSQL (DATABASE_URL); the admin API runs in worker 1. Each worker keeps its own
replay window, TPP quota and caches: see the README, "Several workers".

Environment:
  OPENSTET_DATA_DIR       data directory (default ./.openstet): test PKI, embedded database, admin secret
  DATABASE_URL            use PostgreSQL instead of the embedded PGlite database
  OPENSTET_PUBLIC_PORT    public listener port (default 8443)
  OPENSTET_MTLS_PORT      mTLS listener port (default 8444)
  OPENSTET_WORKERS        as --workers
  UV_THREADPOOL_SIZE      libuv threads per process (default 1, set by the openstet command)
  See the README, "For banks", for every setting.

Examples:
  $ npx openstet serve
  $ DATABASE_URL=postgres://openstet@db/openstet npx openstet serve --workers 4`,
    )
    .action(serve);
}
