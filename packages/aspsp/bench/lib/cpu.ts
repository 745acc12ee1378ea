/**
 * Where a route's CPU time goes, read from /proc (Linux; elsewhere the bench goes without): the bank's
 * event loop, its other threads (the libuv pool that signs and verifies, V8's helpers), PostgreSQL's
 * backends and the load generator, per request; and how much of the machine other processes took
 * meanwhile, since on a small shared machine a test suite running alongside changes every number.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** USER_HZ: /proc counts CPU time in hundredths of a second on Linux. */
const TICK_US = 10_000;

export interface CpuSample {
  readonly at: number;
  readonly bankMain: number;
  readonly bankThreads: number;
  readonly postgres: number;
  readonly bench: number;
  readonly machineBusy: number;
}

/** CPU time used per request while a route was measured, in µs. */
export interface CpuUse {
  readonly bankMainUs: number;
  readonly bankThreadsUs: number;
  /** Every `postgres` process: the bank's backends, and those of anyone else using the server. */
  readonly postgresUs: number;
  readonly loadGeneratorUs: number;
  /** The share of the machine's CPUs used by other processes meanwhile (0 to 1). */
  readonly otherShare: number;
}

/** utime + stime of a /proc stat line, and the command name. */
function readStat(path: string): { readonly comm: string; readonly ticks: number } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const end = text.lastIndexOf(')');
    const fields = text.slice(end + 2).split(' ');
    return { comm: text.slice(text.indexOf('(') + 1, end), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // The process or thread ended in between.
  }
}

function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = readStat(`/proc/${pid}/stat`);
    if (stat?.comm === 'postgres') ticks += stat.ticks;
  }
  return ticks;
}

function machineBusyTicks(): number {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const values = fields.map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return values.reduce((sum, value) => sum + value, 0) - idle;
}

/** The CPU time used so far by the bank's threads, PostgreSQL, this process and the machine; none off Linux. */
export function sampleCpu(bankPid: number | undefined): CpuSample | undefined {
  if (process.platform !== 'linux' || bankPid === undefined) return undefined;
  try {
    let bankMain = 0;
    let bankThreads = 0;
    for (const tid of readdirSync(`/proc/${bankPid}/task`)) {
      const ticks = readStat(`/proc/${bankPid}/task/${tid}/stat`)?.ticks ?? 0;
      if (tid === String(bankPid)) bankMain += ticks;
      else bankThreads += ticks;
    }
    const own = process.cpuUsage();
    return {
      at: performance.now(),
      bankMain,
      bankThreads,
      postgres: postgresTicks(),
      bench: (own.user + own.system) / TICK_US,
      machineBusy: machineBusyTicks(),
    };
  } catch {
    return undefined;
  }
}

export function cpuUse(before: CpuSample, after: CpuSample, requests: number): CpuUse {
  const delta = (key: Exclude<keyof CpuSample, 'at'>) => after[key] - before[key];
  const perRequest = (ticks: number) => (ticks * TICK_US) / Math.max(requests, 1);
  const ours = delta('bankMain') + delta('bankThreads') + delta('postgres') + delta('bench');
  const capacity = ((after.at - before.at) / 1000) * 100 * availableParallelism();
  return {
    bankMainUs: perRequest(delta('bankMain')),
    bankThreadsUs: perRequest(delta('bankThreads')),
    // A backend that exits (idle pool connection) takes its time with it: never below 0.
    postgresUs: Math.max(0, perRequest(delta('postgres'))),
    loadGeneratorUs: perRequest(delta('bench')),
    otherShare: Math.min(1, Math.max(0, (delta('machineBusy') - ours) / capacity)),
  };
}
