/**
 * The bank as `npm start` runs it: the `openstet serve` command (packages/cli/bin/openstet.js, so the same
 * libuv thread pool setting), default logging to its standard output, which the bench sends to a file as
 * a bank sends it to its log collector. Only the data directory, the ports (any free ones), the database
 * and the bench's extra settings (a bank's own seal) are given, as a bank gives them in its environment.
 *
 * `BENCH_BANK_CPU_PROF=<dir>` writes a V8 CPU profile of the bank there (open it in Chrome DevTools).
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../../../cli/bin/openstet.js', import.meta.url));

export interface BankEnvironment {
  readonly dataDir: string;
  /** DATABASE_URL, OPENSTET_DATABASE_SCHEMA and any other setting, as `openstet` reads them. */
  readonly env: Readonly<Record<string, string>>;
}

export interface ServedBank {
  readonly pid: number;
  readonly mtlsUrl: string;
  /** Bytes the bank logged so far. */
  logBytes(): number;
  close(): Promise<void>;
}

function environment(bank: BankEnvironment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OPENSTET_DATA_DIR: bank.dataDir,
    OPENSTET_PUBLIC_PORT: '0',
    OPENSTET_MTLS_PORT: '0',
    ...bank.env,
  };
}

/** Runs an `openstet` command (certs, sandbox populate) on the bank's data directory and database. */
export async function openstet(bank: BankEnvironment, args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], {
    env: environment(bank),
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/** The mTLS URL the server published in its data directory, once the process that wrote it is `pid`. */
async function published(dataDir: string, child: ChildProcess): Promise<string> {
  const file = join(dataDir, 'server.json');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`openstet serve exited with code ${child.exitCode}`);
    if (existsSync(file)) {
      const state = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; mtlsUrl?: string };
      if (state.pid === child.pid && typeof state.mtlsUrl === 'string') return state.mtlsUrl;
    }
    await sleep(100);
  }
}

/** Starts `openstet serve [extra]`, waits until it listens, and stops it (SIGTERM) on close. */
export async function serveBank(bank: BankEnvironment, extra: readonly string[] = []): Promise<ServedBank> {
  const logFile = join(bank.dataDir, 'bank.log');
  const log = openSync(logFile, 'a');
  const profile = process.env.BENCH_BANK_CPU_PROF;
  const nodeFlags = profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`] : [];
  const child = spawn(process.execPath, [...nodeFlags, BIN, 'serve', ...extra], {
    env: environment(bank),
    stdio: ['ignore', log, 'inherit'],
  });
  closeSync(log);
  const close = async () => {
    child.kill('SIGTERM');
    await exited(child);
  };
  try {
    const mtlsUrl = await published(bank.dataDir, child);
    return {
      pid: child.pid as number,
      mtlsUrl,
      logBytes: () => statSync(logFile).size,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
