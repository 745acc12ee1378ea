/**
 * An evenly paced, open-loop load generator (undici over mTLS): request i is due at start + i / rate,
 * across a pool of keep-alive connections, whatever happened to the requests before it. Its latency is
 * measured from that due time, not from when a connection became free, so queueing in the bank (or here)
 * counts, and coordinated omission does not hide it (Gil Tene, "How NOT to measure latency").
 * autocannon's `overallRate` sends each second's requests in one burst at the start of the second, and
 * its corrected latencies are off in version 9: neither is used for latency at a fixed rate.
 */

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type CpuUse, cpuUse, sampleCpu } from './cpu.ts';
import { percentile } from './load.ts';
import type { ClientTls } from './tpp.ts';

export interface PacedTarget {
  readonly name: string;
  /** https://host:port, without path. */
  readonly origin: string;
  /** Path and query. */
  readonly path: string;
  /** Default POST; a GET sends no body. */
  readonly method?: 'GET' | 'POST';
  readonly tls: ClientTls;
  readonly connections: number;
  /** The process answering, for its CPU time per request (Linux). */
  readonly bankPid?: number;
  /** The next request's headers and body: each call gives a new one. */
  next(): { readonly headers: Readonly<Record<string, string>>; readonly body: string };
}

export interface PacedMeasurement {
  readonly name: string;
  readonly offeredRate: number;
  readonly achievedRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** CPU time per request by process while measured; at a fixed rate it varies far less than at saturation. */
  readonly cpu: CpuUse | undefined;
}

/** Sends `rate` requests a second for `seconds`, evenly spaced; resolves once every answer is in. */
async function paced(
  pool: Pool,
  target: PacedTarget,
  rate: number,
  seconds: number,
  onAnswer: (latencyMs: number, status: number | undefined) => void,
): Promise<number> {
  const count = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  const answers: Promise<void>[] = [];
  let sent = 0;
  while (sent < count) {
    const now = performance.now();
    // Every request due by now leaves now; the timer only decides how often the loop looks.
    while (sent < count && start + sent * interval <= now) {
      const due = start + sent * interval;
      const { headers, body } = target.next();
      answers.push(
        pool
          .request({
            path: target.path,
            method: target.method ?? 'POST',
            headers,
            ...(target.method === 'GET' ? {} : { body }),
          })
          .then(async (response) => {
            await response.body.dump();
            onAnswer(performance.now() - due, response.statusCode);
          })
          .catch(() => onAnswer(performance.now() - due, undefined)),
      );
      sent++;
    }
    await sleep(Math.max(0, Math.min(1, start + sent * interval - performance.now())));
  }
  await Promise.all(answers);
  return performance.now() - start;
}

/** A warm-up of `warmUpSeconds` at the same rate, then `seconds` measured. */
export async function measurePaced(
  target: PacedTarget,
  rate: number,
  seconds: number,
  warmUpSeconds: number,
  /** Every latency measured, for percentiles over several runs. */
  onLatencies: (latencies: readonly number[]) => void = () => {},
): Promise<PacedMeasurement> {
  process.stderr.write(
    `${target.name}: ${rate} req/s evenly paced, warm-up ${warmUpSeconds} s, then ${seconds} s\n`,
  );
  const pool = new Pool(target.origin, {
    connections: target.connections,
    pipelining: 1,
    connect: { ca: target.tls.ca, cert: target.tls.cert, key: target.tls.key, servername: 'localhost' },
  });
  try {
    await paced(pool, target, rate, warmUpSeconds, () => {});
    const latencies: number[] = [];
    let non2xx = 0;
    let errors = 0;
    const before = sampleCpu(target.bankPid);
    const elapsedMs = await paced(pool, target, rate, seconds, (latency, status) => {
      latencies.push(latency);
      if (status === undefined) errors++;
      else if (status < 200 || status >= 300) non2xx++;
    });
    const after = sampleCpu(target.bankPid);
    onLatencies(latencies);
    return {
      name: target.name,
      offeredRate: rate,
      achievedRate: (latencies.length - errors) / (elapsedMs / 1000),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      p999Ms: percentile(latencies, 0.999),
      non2xx,
      errors,
      cpu: before && after ? cpuUse(before, after, latencies.length) : undefined,
    };
  } finally {
    await pool.close();
  }
}
