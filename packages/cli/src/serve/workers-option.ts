import { UsageError } from '../exit-codes.ts';

/** More processes than this is a typing error, not a machine: each worker holds its own pool and caches. */
export const MAX_WORKERS = 64;

/** `--workers` / `OPENSTET_WORKERS`: a whole number of processes from 1 to 64. */
export function workerCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1 || count > MAX_WORKERS)
    throw new UsageError(
      `--workers "${value}" (or OPENSTET_WORKERS) must be a whole number from 1 to ${MAX_WORKERS}`,
    );
  return count;
}
