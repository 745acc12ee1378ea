/**
 * What the trust chain costs on the hot path of every STET call.
 *
 * One server, one mTLS listener, two routes answering the same tiny JSON: one behind the full trust chain
 * (QWAC licence and role check, Digest, draft-cavage signature verification), one without it. Both get
 * the same signed, mTLS-authenticated funds-confirmation request from autocannon in the same run, and the
 * result is printed as a ratio against that baseline, never as a timed assertion: absolute numbers depend
 * on the machine, the ratio much less. Loopback traffic only. The database is PostgreSQL when
 * `DATABASE_URL` is set, else PGlite: the chain reads it only through its caches.
 *
 * `BENCH_CONNECTIONS` (default 32).
 */

import type { App } from '../src/index.ts';
import { type BankSide, withBank, withDataDir } from './lib/bank-process.ts';
import { databaseFromEnvironment } from './lib/database.ts';
import { measure, poolSize, type Target } from './lib/load.ts';
import { printRatios, printTable, warnOnFailures, warnOnInterference } from './lib/report.ts';
import {
  createTpp,
  expectStatus,
  FUNDS_REQUEST,
  post,
  registerQseal,
  signedHeaders,
  signedPool,
} from './lib/tpp.ts';

const TRUST_PATH = '/stet/psd2/v1/bench';
const BASELINE_PATH = '/bench/baseline';
/**
 * Enough connections to keep the bank busy, so the bench measures capacity: with 10, the thread-pool round
 * trip of the RSA check leaves the event loop idle a fifth of the time and latency, not work, sets the pace.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET_RATIO = 0.5;

export const title = `trust chain vs baseline, same mTLS listener, ${CONNECTIONS} connections`;

/** The bench's own routes. Both answer the same payload. */
export const bank: BankSide = {
  extend(app: App) {
    app.mtls.post(TRUST_PATH, app.trust.stetRoute({ role: 'PSP_IC' }), async () => ({ result: true }));
    app.mtls.post(BASELINE_PATH, async () => ({ result: true }));
  },
};

/** Onboards the TPP, checks both routes answer 200, then loads the baseline and the trust chain in turn. */
export async function run(seconds: number): Promise<void> {
  const database = databaseFromEnvironment();
  try {
    await withDataDir(async (dataDir, ca) => {
      const tpp = await createTpp(ca);
      const launch = { scenario: import.meta.url, dataDir, postgres: database.postgres };
      await withBank(launch, async ({ mtlsUrl, pid }) => {
        await registerQseal(mtlsUrl, tpp);
        const headers = await signedHeaders(tpp.qseal, TRUST_PATH, FUNDS_REQUEST);
        const count = poolSize(seconds);
        process.stderr.write(`signing ${count} distinct requests (the TPP's work)\n`);
        const pool = await signedPool(tpp.qseal, TRUST_PATH, count, () => ({ body: FUNDS_REQUEST }));
        const target = (name: string, path: string, requests: Target['requests']): Target => ({
          name,
          url: `${mtlsUrl}${path}`,
          requests,
          tls: tpp.tls,
          connections: CONNECTIONS,
          bankPid: pid,
        });
        const baselineTarget = target('baseline (mTLS only)', BASELINE_PATH, [
          { headers, body: FUNDS_REQUEST },
        ]);
        const chainTarget = target('trust chain', TRUST_PATH, pool);
        await expectStatus(chainTarget.name, post(chainTarget.url, headers, FUNDS_REQUEST, tpp.tls), 200);
        await expectStatus(
          baselineTarget.name,
          post(baselineTarget.url, headers, FUNDS_REQUEST, tpp.tls),
          200,
        );
        const baseline = await measure(baselineTarget, seconds);
        const chain = await measure(chainTarget, seconds);
        console.log('');
        printTable([baseline, chain]);
        warnOnFailures([baseline, chain]);
        warnOnInterference([baseline, chain]);
        console.log('');
        printRatios(chain, baseline, { route: 'trust chain', baseline: 'baseline' }, TARGET_RATIO);
      });
    });
  } finally {
    await database.drop();
  }
}
