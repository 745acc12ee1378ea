/** What the bench prints: one table per scenario, then each ratio against its baseline and target. */

import type { CpuUse } from './cpu.ts';
import type { Measurement } from './load.ts';
import type { PacedMeasurement } from './paced-load.ts';

export interface TableOptions {
  /** Adds the median latency column. */
  readonly p50?: boolean;
}

/** Prints rows under a header, each column as wide as its widest cell. */
function printColumns(header: readonly string[], cells: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: readonly string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const line of cells) console.log(format(line));
}

export function printTable(rows: readonly Measurement[], options: TableOptions = {}): void {
  const p50 = options.p50 === true;
  const header = [
    'scenario',
    'requests/s (mean)',
    ...(p50 ? ['p50 latency (ms)'] : []),
    'p99 latency (ms)',
    'non-2xx',
    'errors',
  ];
  const cells = rows.map((row) => [
    row.name,
    row.requestsPerSecond.toFixed(0),
    ...(p50 ? [row.p50Ms.toFixed(3)] : []),
    row.p99Ms.toFixed(3),
    String(row.non2xx),
    String(row.errors),
  ]);
  printColumns(header, cells);
}

/** A row with failed requests measured something else than the route: say so next to the table. */
export function warnOnFailures(rows: readonly Measurement[]): void {
  for (const row of rows) {
    if (row.non2xx > 0 || row.errors > 0) {
      console.warn(
        `WARNING: ${row.name}: ${row.non2xx} non-2xx responses and ${row.errors} errors; its numbers are not valid`,
      );
    }
  }
}

/** Above this share of the machine taken by other processes, a row's numbers say more about them. */
const INTERFERENCE = 0.05;

/** Says when other processes (a test suite, a build) took a noticeable share of the CPUs during a row. */
export function warnOnInterference(
  rows: readonly { readonly name: string; readonly cpu: CpuUse | undefined }[],
): void {
  for (const row of rows) {
    if (row.cpu && row.cpu.otherShare > INTERFERENCE) {
      console.warn(
        `WARNING: ${row.name}: other processes used ${(row.cpu.otherShare * 100).toFixed(0)}% of the machine's CPUs meanwhile; its numbers are not representative`,
      );
    }
  }
}

/** CPU time per request of each row, by process (Linux only): where the time goes. */
export function printCpu(rows: readonly { readonly name: string; readonly cpu: CpuUse | undefined }[]): void {
  const cells = rows.flatMap(({ name, cpu }) => {
    if (!cpu) return [];
    const parts = [cpu.bankMainUs, cpu.bankThreadsUs, cpu.postgresUs, cpu.loadGeneratorUs];
    const total = parts.reduce((sum, part) => sum + part, 0);
    return [[name, ...[...parts, total].map((us) => us.toFixed(0))]];
  });
  if (cells.length === 0) return;
  const header = [
    'CPU µs per request',
    'bank event loop',
    'bank threads',
    'PostgreSQL',
    'load generator',
    'total',
  ];
  printColumns(header, cells);
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/** `<route> / <baseline> throughput ratio: 0.52 (target >= 0.5: met)`, and the p99 ratio, for information. */
export function printRatios(
  route: Measurement,
  baseline: Measurement,
  labels: { readonly route: string; readonly baseline: string },
  targetRatio: number,
): void {
  const throughput = route.requestsPerSecond / baseline.requestsPerSecond;
  const pair = `${labels.route} / ${labels.baseline}`;
  console.log(
    `${pair} throughput ratio: ${throughput.toFixed(2)} (target >= ${targetRatio}: ${verdict(throughput >= targetRatio)})`,
  );
  console.log(`${pair} p99 latency ratio: ${(route.p99Ms / baseline.p99Ms).toFixed(2)}`);
}

/** The paced runs: offered and achieved rate, latency percentiles from each request's due time. */
export function printPaced(rows: readonly PacedMeasurement[]): void {
  const header = [
    'scenario',
    'offered/s',
    'achieved/s',
    'p50 (ms)',
    'p99 (ms)',
    'p99.9 (ms)',
    'non-2xx',
    'errors',
  ];
  const cells = rows.map((row) => [
    row.name,
    String(row.offeredRate),
    row.achievedRate.toFixed(0),
    row.p50Ms.toFixed(2),
    row.p99Ms.toFixed(2),
    row.p999Ms.toFixed(2),
    String(row.non2xx),
    String(row.errors),
  ]);
  printColumns(header, cells);
  for (const row of rows)
    if (row.non2xx > 0 || row.errors > 0)
      console.warn(
        `WARNING: ${row.name}: ${row.non2xx} non-2xx answers and ${row.errors} errors; its numbers are not valid`,
      );
}
