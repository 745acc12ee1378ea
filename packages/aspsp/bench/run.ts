/**
 * `npm run bench`: the hot path of the bank against a baseline measured in the same run, one scenario
 * after the other, each printed as a table and ratios (never a timed assertion; exit 0 unless the bench
 * itself fails):
 * - trust-chain.ts: the trust chain alone against a route behind mTLS only;
 * - funds-confirmation.ts: the funds call as `npm start` runs it, on a populated PostgreSQL, against a
 *   floor (the work no implementation can skip) and a bare route; latency at an evenly paced rate;
 * - aisp-transactions.ts: an AISP's transactions pages (first, and deep in a history of 100 000 entries)
 *   against the funds call's throughput, their p99 at 200 req/s and the page query's plan.
 *
 * `npm run bench -- funds-confirmation` runs the scenarios named. Environment: `BENCH_SECONDS` (default
 * 10) measured seconds per route, after a 3 s warm-up of each; `BENCH_CONNECTIONS` (trust chain, default
 * 32); `DATABASE_URL`; `BENCH_ACCOUNTS` (default 10^6), `BENCH_TOKENS` (10 000) and `BENCH_SEALS`
 * (`rsa,ec`) for the funds scenario; `BENCH_BANK_CPU_PROF=<dir>` for a CPU profile of the bank
 * (lib/bank-process.ts, lib/served-bank.ts).
 * On Linux the funds scenario also prints the CPU time per request by process, and every row is flagged
 * when other processes took a noticeable share of the machine while it was measured (lib/cpu.ts).
 */

import * as aispTransactions from './aisp-transactions.ts';
import * as fundsConfirmation from './funds-confirmation.ts';
import { benchSeconds } from './lib/load.ts';
import * as trustChain from './trust-chain.ts';

interface Scenario {
  readonly title: string;
  run(seconds: number): Promise<void>;
}

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'trust-chain': trustChain,
  'funds-confirmation': fundsConfirmation,
  'aisp-transactions': aispTransactions,
};

function chosen(names: readonly string[]): Scenario[] {
  if (names.length === 0) return Object.values(SCENARIOS);
  return names.map((name) => {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`Unknown scenario "${name}": ${Object.keys(SCENARIOS).join(', ')}`);
    return scenario;
  });
}

const seconds = benchSeconds();
const scenarios = chosen(process.argv.slice(2));
for (const [index, scenario] of scenarios.entries()) {
  if (index > 0) console.log('');
  console.log(`== ${scenario.title} ==`);
  await scenario.run(seconds);
}
