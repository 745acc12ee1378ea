/**
 * The load generator: autocannon over mTLS, every response timed exactly. autocannon's own histogram
 * keeps whole milliseconds, and a bare route's p50 is below one, so the bench records each response time
 * from the 'response' event (fractional milliseconds) and computes the percentiles itself.
 */

import autocannon from 'autocannon';
import { type CpuUse, cpuUse, sampleCpu } from './cpu.ts';
import type { ClientTls } from './tpp.ts';

export const WARM_UP_SECONDS = 3;

/** `BENCH_SECONDS` (default 10): how long each route is measured, after its warm-up. */
export function benchSeconds(): number {
  const raw = process.env.BENCH_SECONDS;
  if (raw === undefined || raw === '') return 10;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1) throw new Error(`BENCH_SECONDS must be at least 1, got "${raw}"`);
  return Math.round(value);
}

/**
 * How many distinct signed requests a signed route's run needs: its warm-up and its measurement at up to
 * `BENCH_MAX_RATE` (default 8000: the trust chain alone passed 5000 here) requests a second. Past that the
 * pool starts again, and the bank refuses the replays (they show as non-2xx answers).
 */
export function poolSize(seconds: number): number {
  const rate = Number(process.env.BENCH_MAX_RATE ?? 8000);
  return Math.ceil((seconds + WARM_UP_SECONDS) * rate);
}

/** One request of a pool: distinct signed requests, each with its own body and headers. */
export interface PooledRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One route under load by `connections` mTLS connections, each request the next one of `requests`. */
export interface Target {
  readonly name: string;
  /** The URL requested, query included (a GET's page cursor). */
  readonly url: string;
  /** Default POST; a GET's pooled bodies are empty, and none is sent. */
  readonly method?: 'GET' | 'POST';
  /** Sent in turn, from the start again when they run out (a route that keeps no replay state). */
  readonly requests: readonly PooledRequest[];
  readonly tls: ClientTls;
  readonly connections: number;
  /** The bank's process id, to account its CPU time. */
  readonly bankPid: number | undefined;
}

export interface Measurement {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Absent off Linux. */
  readonly cpu: CpuUse | undefined;
}

/** Runs autocannon for `seconds` (or `amount` requests), handing every response time (ms, fractional) to `onLatency`. */
function load(
  target: Target,
  length: { readonly seconds: number } | { readonly amount: number },
  next: () => PooledRequest | undefined,
  onLatency: (ms: number) => void = () => {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method ?? 'POST',
        requests: [
          {
            setupRequest: (request: autocannon.Request) => {
              const pooled = next();
              return pooled ? { ...request, headers: { ...pooled.headers }, body: pooled.body } : request;
            },
          },
        ],
        connections: target.connections,
        pipelining: 1,
        ...('amount' in length ? { amount: length.amount } : { duration: length.seconds }),
        // Passed to tls.connect for every connection, so each one presents the QWAC like a real TPP.
        // autocannon forces rejectUnauthorized: false on its side: acceptable, loopback to our bank only.
        tlsOptions: { ca: target.tls.ca, cert: target.tls.cert, key: target.tls.key },
        servername: 'localhost',
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

/** The smallest value at or above `fraction` of the values (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** Which answers the bank refused with, so a run whose numbers are invalid says why. */
function refusals(result: autocannon.Result): string {
  return Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${status} × ${count}`)
    .join(', ');
}

/**
 * A route's saturation throughput, roughly: each of `target.requests` sent once (never replayed), as fast as
 * the connections go. It sizes the pool of distinct signed requests a measured run needs; it also warms
 * the route up. Throws when the bank refuses any: the route is not set up right.
 */
export async function probeRate(target: Target): Promise<number> {
  process.stderr.write(`${target.name}: probing with ${target.requests.length} requests\n`);
  let sent = 0;
  const result = await load(target, { amount: target.requests.length }, () => target.requests[sent++]);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${target.name}: ${result.errors} errors, non-2xx answers ${refusals(result)}`);
  return result.requests.total / result.duration;
}

/** Warms the route up for WARM_UP_SECONDS, then measures it for `seconds`. */
export async function measure(target: Target, seconds: number): Promise<Measurement> {
  process.stderr.write(`${target.name}: warm-up ${WARM_UP_SECONDS} s, then ${seconds} s\n`);
  let sent = 0;
  const next = () => target.requests[sent++ % target.requests.length];
  await load(target, { seconds: WARM_UP_SECONDS }, next);
  const latencies: number[] = [];
  const before = sampleCpu(target.bankPid);
  const result = await load(target, { seconds }, next, (ms) => latencies.push(ms));
  const after = sampleCpu(target.bankPid);
  if (result.non2xx > 0) process.stderr.write(`${target.name}: non-2xx answers ${refusals(result)}\n`);
  return {
    name: target.name,
    requestsPerSecond: result.requests.mean,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: before && after ? cpuUse(before, after, result.requests.total) : undefined,
  };
}
