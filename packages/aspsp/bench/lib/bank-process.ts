/**
 * The bank under load runs in a child process (lib/bank-child.ts), autocannon in the bench's: sharing an
 * event loop, the load generator's own per-request cost would be added to every route and pull each ratio
 * towards 1. It also lets the bench time every response with sub-millisecond resolution.
 *
 * The child gets its launch description as JSON on its command line, starts the bank as `openstet serve`
 * does (one libuv thread, packages/cli/bin/openstet.js) on ephemeral ports, licenses the bench TPP as the
 * register would, runs the scenario's own set-up and reports ready with what the set-up returned. It runs
 * until the bench disconnects (or dies), then closes.
 *
 * `BENCH_BANK_CPU_PROF=<dir>` writes a V8 CPU profile of the bank child there (open it in Chrome DevTools).
 */

import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyAndCertificate } from '@openstet/protocol';
import { type App, ensureSandboxPki, loadConfig, type RunningServer, startServer } from '../../src/index.ts';
import type { PostgresTarget } from './database.ts';
import { TPP } from './tpp.ts';

const CHILD = fileURLToPath(new URL('./bank-child.ts', import.meta.url));

/** How the bench starts a bank; the child reads it from its command line. */
export interface BankLaunch {
  /** URL of the scenario module whose `bank` export is its part in the bank process. */
  readonly scenario: string;
  readonly dataDir: string;
  /** Absent: the embedded PGlite database in `dataDir`. */
  readonly postgres: PostgresTarget | undefined;
  /** The scenario's own parameters (JSON), handed to its `setUp`. */
  readonly parameters?: unknown;
  /** More configuration, as `openstet serve` reads it (e.g. OPENSTET_SEAL_CERT_FILE). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A scenario's part in the bank process. */
export interface BankSide {
  /** The bench's own routes; runs before the listeners open. */
  readonly extend?: (app: App) => void;
  /** Runs once the bank listens and the TPP is licensed; what it returns (JSON) reaches the bench. */
  readonly setUp?: (server: RunningServer, parameters: unknown) => Promise<unknown>;
}

/** The bank's message to the bench once it is ready. */
interface BankReady {
  readonly type: 'ready';
  readonly mtlsUrl: string;
  readonly info: unknown;
}

function isBankReady(message: unknown): message is BankReady {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Partial<BankReady>).type === 'ready' &&
    typeof (message as Partial<BankReady>).mtlsUrl === 'string'
  );
}

// ---------------------------------------------------------------------------------------------------
// The bank (child process)
// ---------------------------------------------------------------------------------------------------

export function parseLaunch(argument: string | undefined): BankLaunch {
  const launch = JSON.parse(argument ?? 'null') as Partial<BankLaunch> | null;
  if (typeof launch?.scenario !== 'string' || typeof launch.dataDir !== 'string')
    throw new Error('bank-child.ts is the bench’s own child process: run npm run bench');
  return launch as BankLaunch;
}

/** Starts the bank for one scenario and serves until the bench disconnects. */
export async function serveBank(launch: BankLaunch, side: BankSide): Promise<void> {
  // Without the IPC channel nothing would ever tell the bank to stop.
  if (!process.send) throw new Error('bank-child.ts is the bench’s own child process: run npm run bench');
  const { postgres } = launch;
  const server = await startServer(
    loadConfig({
      OPENSTET_DATA_DIR: launch.dataDir,
      OPENSTET_PUBLIC_PORT: '0',
      OPENSTET_MTLS_PORT: '0',
      ...(postgres ? { DATABASE_URL: postgres.url, OPENSTET_DATABASE_SCHEMA: postgres.schema } : {}),
      ...launch.env,
    }),
    { log: false, ...(side.extend ? { extend: side.extend } : {}) },
  );
  try {
    await server.app.registry.save({
      organizationIdentifier: TPP.organizationIdentifier,
      name: TPP.organizationName,
      ncaName: 'ACPR',
      ncaId: 'FR-ACPR',
      roles: ['PSP_IC'],
      status: 'licensed',
    });
    const info = side.setUp ? await side.setUp(server, launch.parameters) : null;
    const ready: BankReady = { type: 'ready', mtlsUrl: server.mtlsUrl, info };
    process.send(ready);
    // The IPC channel closes when the bench is done, or dies: either way the bank stops.
    await new Promise<void>((resolve) => process.once('disconnect', resolve));
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The bench (parent process)
// ---------------------------------------------------------------------------------------------------

export interface Bank {
  readonly pid: number | undefined;
  readonly mtlsUrl: string;
  /** What the scenario's `setUp` returned in the bank process. */
  readonly info: unknown;
  close(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function profilerArguments(): string[] {
  const directory = process.env.BENCH_BANK_CPU_PROF;
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${resolve(directory)}`] : [];
}

/** Forks the bank (same `--import tsx`) and waits until it is ready. */
async function startBank(launch: BankLaunch): Promise<Bank> {
  // The bank runs as `openstet serve` runs it: one libuv thread for RSA (packages/cli/bin/openstet.js).
  const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '1' };
  const child = fork(CHILD, [JSON.stringify(launch)], {
    stdio: 'inherit',
    env,
    execArgv: [...process.execArgv, ...profilerArguments()],
  });
  const close = async () => {
    if (child.connected) child.disconnect();
    await exited(child);
  };
  try {
    const ready = await new Promise<BankReady>((resolve, reject) => {
      child.on('message', (message: unknown) => {
        if (isBankReady(message)) resolve(message);
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`The bank exited (${signal ?? `code ${code}`}) before it was ready`)),
      );
    });
    return { pid: child.pid, mtlsUrl: ready.mtlsUrl, info: ready.info, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts the bank, hands it to `use`, and closes it whatever happens. */
export async function withBank<T>(launch: BankLaunch, use: (bank: Bank) => Promise<T>): Promise<T> {
  const bank = await startBank(launch);
  try {
    return await use(bank);
  } finally {
    await bank.close();
  }
}

/**
 * A fresh data directory with its sandbox PKI, made before the bank starts (it reuses it) so the bench can
 * issue the TPP's certificates from the same CA; removed afterwards.
 */
export async function withDataDir<T>(
  use: (dataDir: string, ca: KeyAndCertificate) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-bench-'));
  try {
    const { ca } = await ensureSandboxPki(dataDir);
    return await use(dataDir, ca);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
