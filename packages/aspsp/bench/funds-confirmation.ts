/**
 * The acceptance criterion of the hot path (issue 10): `POST /stet/psd2/v1.4.2/funds-confirmations` as a
 * bank gets it from `npm start` (the `openstet serve` command, default logging, PostgreSQL), against the
 * floor — the work no implementation can skip (lib/floor-server.ts) — in the same run, for each bank seal
 * (the sandbox's RSA-2048 one, then an ECDSA P-256 one as a bank with an EC QSealC configures it).
 *
 * The database holds a sandbox population (`openstet sandbox populate`): `BENCH_ACCOUNTS` accounts
 * (default 10^6), one token pair per customer for the bench TPP; requests are spread over `BENCH_TOKENS`
 * customers (default 10 000), each request signed, with its own X-Request-ID, never sent twice.
 *
 * Printed, per seal:
 * - saturation, 50 connections (autocannon): bare route, floor, floor + ledger read and funds call; `floor
 *   ratio = funds req/s ÷ floor req/s` (target >= 0.7); for information, the bare-route ratio and `floor +
 *   ledger read ÷ floor` (what the balance read alone costs), CPU per request by process;
 * - latency at a fixed, evenly paced rate (lib/paced-load.ts), from each request's due time: at 300 req/s
 *   (target p99 <= 20 ms) and at 60 % of the floor's saturation throughput, funds call and floor.
 * Then p99 at 300 req/s on 10^4 against 10^6 accounts, alternating (target: within 10 %).
 */

import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  issueEidasCertificate,
  type KeyAndCertificate,
  readEidasCertificate,
  serialAndIssuerKeyId,
} from '@openstet/protocol';
import { ensureSandboxPki } from '../src/index.ts';
import { withDataDir } from './lib/bank-process.ts';
import { type BenchDatabase, postgresOrPglite } from './lib/database.ts';
import type { FloorLaunch } from './lib/floor-server.ts';
import {
  type Measurement,
  measure,
  type PooledRequest,
  percentile,
  type Target,
  WARM_UP_SECONDS,
} from './lib/load.ts';
import { measurePaced, type PacedMeasurement } from './lib/paced-load.ts';
import { type Customer, fundsRequest, type Population, populate, tokenCount } from './lib/population.ts';
import {
  printCpu,
  printPaced,
  printTable,
  verdict,
  warnOnFailures,
  warnOnInterference,
} from './lib/report.ts';
import { type BankEnvironment, openstet, serveBank } from './lib/served-bank.ts';
import { expectStatus, post, registerQseal, signedPool } from './lib/tpp.ts';
import { issueTpp, type TppFiles, tppLicence } from './lib/tpp-files.ts';

const FUNDS_PATH = '/stet/psd2/v1.4.2/funds-confirmations';
const FLOOR_PATH = '/bench/floor';
const FLOOR_LEDGER_PATH = '/bench/floor-ledger';
const BARE_PATH = '/bench/bare';
const CONNECTIONS = 50;
const TARGET_FLOOR_RATIO = 0.7;
const CARD_RATE = 300;
const TARGET_P99_MS = 20;
const TARGET_GROWTH = 1.1;
/**
 * The pools of never-repeated requests are sized for this multiple of the floor's saturation throughput
 * (one process; two workers may pass it): the funds call does more than the floor.
 */
const POOL_HEADROOM = { oneProcess: 1.3, twoWorkers: 2.6 };

export const title =
  'funds confirmation (v1.4.2) as `npm start` runs it, against the floor, on a sandbox population';

type SealKeyType = 'rsa' | 'ec';
const SEALS: Readonly<Record<SealKeyType, string>> = {
  rsa: 'RSA-2048 bank seal, rsa-sha256 (the sandbox default)',
  ec: 'ECDSA P-256 bank seal, ecdsa-sha256',
};

/** `BENCH_SEALS` (default `rsa,ec`): the bank seals to measure, in order. */
function sealsWanted(): SealKeyType[] {
  const names = (process.env.BENCH_SEALS ?? 'rsa,ec').split(',');
  for (const name of names)
    if (!Object.hasOwn(SEALS, name)) throw new Error(`BENCH_SEALS: "${name}" is not one of rsa, ec`);
  return names as SealKeyType[];
}

function accountsWanted(): number {
  const value = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
  if (!Number.isInteger(value) || value < 10_000)
    throw new Error('BENCH_ACCOUNTS must be an integer >= 10000');
  return value;
}

/** The bench TPP: a card issuer (PSP_IC). */
const TPP_ROLES = ['PSP_IC'] as const;

/** The bank's seal for one run: the sandbox's RSA one, or an EC QSealC configured as a bank configures its own. */
async function sealFor(
  seal: SealKeyType,
  dataDir: string,
  ca: KeyAndCertificate,
  sandboxSeal: KeyAndCertificate,
) {
  if (seal === 'rsa') return { env: {}, seal: sandboxSeal };
  const ec = await issueEidasCertificate(ca, {
    kind: 'qsealc',
    keyType: 'ec',
    organizationIdentifier: 'PSDFR-ACPR-13807',
    organizationName: 'openstet sandbox bank',
    roles: ['PSP_AS'],
  });
  const env = {
    OPENSTET_SEAL_CERT_FILE: join(dataDir, 'bench-ec-seal.pem'),
    OPENSTET_SEAL_KEY_FILE: join(dataDir, 'bench-ec-seal.key'),
  };
  writeFileSync(env.OPENSTET_SEAL_CERT_FILE, ec.certificatePem);
  writeFileSync(env.OPENSTET_SEAL_KEY_FILE, ec.privateKeyPem, { mode: 0o600 });
  return { env, seal: ec };
}

/** The floor in a process of its own, on the bank's certificate, seal and database. */
async function startFloor(
  launch: FloorLaunch,
): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const child = fork(
    fileURLToPath(new URL('./lib/floor-child.ts', import.meta.url)),
    [JSON.stringify(launch)],
    {
      stdio: 'inherit',
      env: { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '1' },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the floor exited (${code}) before it was ready`)));
  });
  return {
    url,
    pid: child.pid as number,
    close: async () => {
      child.disconnect();
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

interface SealOutcome {
  readonly seal: SealKeyType;
  readonly floorRatio: number;
  readonly floorRate: number;
  readonly funds300: PacedMeasurement;
}

async function runSeal(
  seal: SealKeyType,
  bank: BankEnvironment,
  tpp: TppFiles,
  population: Population,
  sealEnv: Record<string, string>,
  sealKey: KeyAndCertificate,
  pki: { readonly server: KeyAndCertificate; readonly ca: KeyAndCertificate },
  database: BenchDatabase,
  seconds: number,
): Promise<SealOutcome> {
  console.log(`\n-- ${SEALS[seal]} --`);
  const floor = await startFloor({
    serverKeyPem: pki.server.privateKeyPem,
    serverCertificatePem: pki.server.certificatePem,
    caPem: pki.ca.certificatePem,
    tppQsealPem: tpp.qseal.certificatePem,
    bankSealKeyPem: sealKey.privateKeyPem,
    bankSealKeyId: serialAndIssuerKeyId(readEidasCertificate(sealKey.certificatePem)),
    databaseUrl: (database.postgres as { url: string }).url,
    schema: (database.postgres as { schema: string }).schema,
  });
  const served = await serveBank({ ...bank, env: { ...bank.env, ...sealEnv } });
  try {
    await registerQseal(served.mtlsUrl, { tls: tpp.tls, qseal: tpp.qseal, qwacFingerprint256: '' });
    const { customers } = population;
    let signed = 0;
    /** Requests the bank never saw, signed just before they are sent (their Date must be recent). */
    const sign = (count: number, path = FUNDS_PATH) => {
      process.stderr.write(
        `signing ${count} distinct funds requests over ${customers.length} customers (the TPP's work)\n`,
      );
      const first = signed;
      signed += count;
      return signedPool(tpp.qseal, path, count, (i) =>
        fundsRequest(customers[(first + i) % customers.length] as Customer, first + i),
      );
    };
    // Signed for the floor's own path: the floor verifies the request target as the bank does.
    const floorPool = await sign(20_000, FLOOR_PATH);
    const target = (name: string, url: string, requests: readonly PooledRequest[], pid: number): Target => ({
      name,
      url,
      requests,
      tls: tpp.tls,
      connections: CONNECTIONS,
      bankPid: pid,
    });
    const check = (await sign(1))[0] as PooledRequest;
    const answer = await expectStatus(
      'funds confirmation',
      post(`${served.mtlsUrl}${FUNDS_PATH}`, check.headers, check.body, tpp.tls),
      200,
    );
    if (typeof answer.headers.signature !== 'string')
      throw new Error('the funds answer carries no Signature (STET CR199)');
    const floorCheck = floorPool[0] as PooledRequest;
    await expectStatus(
      'floor',
      post(`${floor.url}${FLOOR_PATH}`, floorCheck.headers, floorCheck.body, tpp.tls),
      200,
    );

    const bare = await measure(
      target('bare route (mTLS only)', `${floor.url}${BARE_PATH}`, [check], floor.pid),
      seconds,
    );
    const floorRun = await measure(
      target('floor', `${floor.url}${FLOOR_PATH}`, floorPool, floor.pid),
      seconds,
    );
    const floorLedger = await measure(
      target(
        'floor + ledger read',
        `${floor.url}${FLOOR_LEDGER_PATH}`,
        await sign(
          Math.ceil((seconds + WARM_UP_SECONDS) * POOL_HEADROOM.oneProcess * floorRun.requestsPerSecond),
          FLOOR_LEDGER_PATH,
        ),
        floor.pid,
      ),
      seconds,
    );
    const logBefore = served.logBytes();
    const saturationPool = await sign(
      Math.ceil((seconds + WARM_UP_SECONDS) * POOL_HEADROOM.oneProcess * floorRun.requestsPerSecond),
    );
    const funds = await measure(
      target('funds confirmation', `${served.mtlsUrl}${FUNDS_PATH}`, saturationPool, served.pid),
      seconds,
    );
    const logPerRequest =
      (served.logBytes() - logBefore) / Math.max(1, funds.requestsPerSecond * (seconds + WARM_UP_SECONDS));
    const saturation: Measurement[] = [bare, floorRun, floorLedger, funds];
    console.log('\nsaturation, 50 connections:');
    printTable(saturation, { p50: true });
    warnOnFailures(saturation);
    warnOnInterference(saturation);
    console.log('');
    printCpu(saturation);
    console.log(`bank log: about ${logPerRequest.toFixed(0)} bytes per request (default logging, to a file)`);
    const floorRatio = funds.requestsPerSecond / floorRun.requestsPerSecond;
    console.log(
      `\nfloor ratio = funds req/s ÷ floor req/s = ${floorRatio.toFixed(2)} (target >= ${TARGET_FLOOR_RATIO}: ${verdict(floorRatio >= TARGET_FLOOR_RATIO)})`,
    );
    console.log(
      `bare-route ratio (information) = ${(funds.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}`,
    );
    console.log(
      `floor + ledger read ÷ floor (information: the ratio of a bank doing nothing but the floor and the balance read) = ${(floorLedger.requestsPerSecond / floorRun.requestsPerSecond).toFixed(2)}`,
    );

    const highRate = Math.round(0.6 * floorRun.requestsPerSecond);
    const paced = async (
      name: string,
      url: string,
      rate: number,
      requests: () => PooledRequest,
      bankPid: number,
    ) =>
      measurePaced(
        {
          name,
          origin: new URL(url).origin,
          path: new URL(url).pathname,
          tls: tpp.tls,
          connections: CONNECTIONS,
          bankPid,
          next: requests,
        },
        rate,
        seconds,
        WARM_UP_SECONDS,
      );
    let floorNext = 0;
    const floorRequest = () => floorPool[floorNext++ % floorPool.length] as PooledRequest;
    const pacedPool = await sign(Math.ceil((CARD_RATE + highRate) * (seconds + WARM_UP_SECONDS) * 1.05));
    let bankNext = 0;
    const bankRequest = () => {
      const request = pacedPool[bankNext++];
      if (!request) throw new Error('the pool of signed requests ran out');
      return request;
    };
    const rows: PacedMeasurement[] = [];
    for (const rate of [CARD_RATE, highRate]) {
      // XP
      rows.push(await paced(`floor @ ${rate}/s`, `${floor.url}${FLOOR_PATH}`, rate, floorRequest, floor.pid));
      rows.push(
        await paced(
          `funds confirmation @ ${rate}/s`,
          `${served.mtlsUrl}${FUNDS_PATH}`,
          rate,
          bankRequest,
          served.pid,
        ),
      );
    }
    console.log(
      `\nevenly paced, latency from each request's due time (${CARD_RATE} req/s, and 60 % of the floor's saturation):`,
    );
    printPaced(rows);
    console.log('');
    printCpu(rows);
    const funds300 = rows[1] as PacedMeasurement;
    console.log(
      `funds p99 at ${CARD_RATE} req/s: ${funds300.p99Ms.toFixed(1)} ms (target <= ${TARGET_P99_MS} ms: ${verdict(funds300.p99Ms <= TARGET_P99_MS)})`,
    );
    return { seal, floorRatio, floorRate: floorRun.requestsPerSecond, funds300 };
  } finally {
    await served.close();
    await floor.close();
  }
}

/**
 * Saturation throughput of `openstet serve` with 1 worker and with `--workers 2` (RSA seal), one after
 * the other on the same database. CPU by process is not printed: the workers are processes of their own.
 */
async function compareWorkers(
  bank: BankEnvironment,
  tpp: TppFiles,
  population: Population,
  floorRate: number,
  seconds: number,
): Promise<void> {
  console.log('\n-- openstet serve with 1 and 2 workers (RSA seal, saturation, 50 connections) --');
  const rows: Measurement[] = [];
  for (const workers of [1, 2]) {
    const served = await serveBank(bank, workers === 1 ? [] : ['--workers', String(workers)]);
    try {
      const count = Math.ceil((seconds + WARM_UP_SECONDS) * POOL_HEADROOM.twoWorkers * floorRate);
      process.stderr.write(`signing ${count} distinct funds requests for ${workers} worker(s)\n`);
      const { customers } = population;
      const requests = await signedPool(tpp.qseal, FUNDS_PATH, count, (i) =>
        fundsRequest(customers[i % customers.length] as Customer, i),
      );
      const name = `funds confirmation, ${workers} worker${workers === 1 ? '' : 's'}`;
      const url = `${served.mtlsUrl}${FUNDS_PATH}`;
      rows.push(
        await measure(
          { name, url, requests, tls: tpp.tls, connections: CONNECTIONS, bankPid: undefined },
          seconds,
        ),
      );
    } finally {
      await served.close();
    }
  }
  printTable(rows, { p50: true });
  warnOnFailures(rows);
  const [one, two] = rows;
  if (one && two)
    console.log(`2 workers ÷ 1 worker = ${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)}`);
}

/** p99 at 300 req/s (RSA seal) on each population, alternating, two rounds each: the tables' growth alone. */
async function comparePopulations(
  rounds: readonly { readonly bank: BankEnvironment; readonly population: Population }[],
  tpp: TppFiles,
  seconds: number,
): Promise<void> {
  console.log(`\n-- p99 at ${CARD_RATE} req/s by database size (RSA seal, alternating rounds) --`);
  const latencies = new Map<number, number[]>();
  const rows: PacedMeasurement[] = [];
  for (const round of [...rounds, ...rounds]) {
    const served = await serveBank(round.bank);
    try {
      await registerQseal(served.mtlsUrl, { tls: tpp.tls, qseal: tpp.qseal, qwacFingerprint256: '' });
      const count = Math.ceil(CARD_RATE * (seconds + WARM_UP_SECONDS) * 1.05);
      const { customers } = round.population;
      const pool = await signedPool(tpp.qseal, FUNDS_PATH, count, (i) =>
        fundsRequest(customers[i % customers.length] as Customer, i),
      );
      let next = 0;
      const row = await measurePaced(
        {
          name: `${round.population.accounts} accounts`,
          origin: new URL(served.mtlsUrl).origin,
          path: FUNDS_PATH,
          tls: tpp.tls,
          connections: CONNECTIONS,
          next: () => pool[next++] as PooledRequest,
        },
        CARD_RATE,
        seconds,
        WARM_UP_SECONDS,
        (all) =>
          latencies.set(round.population.accounts, [
            ...(latencies.get(round.population.accounts) ?? []),
            ...all,
          ]),
      );
      rows.push(row);
    } finally {
      await served.close();
    }
  }
  printPaced(rows);
  const [small, large] = rounds.map(({ population }) =>
    percentile(latencies.get(population.accounts) ?? [], 0.99),
  );
  const growth = (large ?? Number.NaN) / (small ?? Number.NaN);
  console.log(
    `p99 over both rounds: ${small?.toFixed(1)} ms at ${rounds[0]?.population.accounts} accounts, ${large?.toFixed(1)} ms at ${rounds[1]?.population.accounts}: ×${growth.toFixed(2)} (target <= ${TARGET_GROWTH}: ${verdict(growth <= TARGET_GROWTH)})`,
  );
}

/** A database of its own for one population, dropped at the end. */
async function withDatabase<T>(use: (database: BenchDatabase) => Promise<T>): Promise<T> {
  const database = await postgresOrPglite();
  if (!database.postgres) throw new Error(`${database.description}: the funds bench needs PostgreSQL`);
  try {
    return await use(database);
  } finally {
    await database.drop();
  }
}

function bankOn(dataDir: string, database: BenchDatabase): BankEnvironment {
  const postgres = database.postgres as { url: string; schema: string };
  return { dataDir, env: { DATABASE_URL: postgres.url, OPENSTET_DATABASE_SCHEMA: postgres.schema } };
}

export async function run(seconds: number): Promise<void> {
  const accounts = accountsWanted();
  const tokens = tokenCount();
  await withDataDir(async (dataDir, ca) =>
    withDatabase(async (large) =>
      withDatabase(async (small) => {
        console.log(`database: ${large.description}`);
        const largeBank = bankOn(dataDir, large);
        const smallBank = bankOn(dataDir, small);
        const tpp = await issueTpp(largeBank, TPP_ROLES);
        // The second database licenses the same TPP (its certificates are already issued).
        await openstet(smallBank, ['registry', 'license', ...tppLicence(TPP_ROLES)]);
        process.stderr.write(`populating ${accounts} accounts\n`);
        const largePopulation = await populate(largeBank, accounts, tpp.qwacFile, tokens);
        const smallPopulation = await populate(smallBank, 10_000, tpp.qwacFile, tokens);
        for (const population of [smallPopulation, largePopulation])
          console.log(
            `population: ${population.accounts} accounts, populated in ${population.seconds.toFixed(1)} s; requests spread over ${population.customers.length} customers`,
          );
        console.log(
          `requests: each signed, with its own X-Request-ID, never repeated; one customer's token and account each (of up to ${tokens})`,
        );
        const pki = await ensureSandboxPki(dataDir);
        const outcomes: SealOutcome[] = [];
        for (const seal of sealsWanted()) {
          const { env, seal: key } = await sealFor(seal, dataDir, ca, pki.bankSeal);
          outcomes.push(await runSeal(seal, largeBank, tpp, largePopulation, env, key, pki, large, seconds));
        }
        const rsa = outcomes.find((outcome) => outcome.seal === 'rsa');
        if (rsa) await compareWorkers(largeBank, tpp, largePopulation, rsa.floorRate, seconds);
        await comparePopulations(
          [
            { bank: smallBank, population: smallPopulation },
            { bank: largeBank, population: largePopulation },
          ],
          tpp,
          seconds,
        );
        console.log('');
        for (const { seal, floorRatio, funds300 } of outcomes)
          console.log(
            `${SEALS[seal]}: floor ratio ${floorRatio.toFixed(2)} (target >= ${TARGET_FLOOR_RATIO}: ${verdict(floorRatio >= TARGET_FLOOR_RATIO)}), p99 at ${CARD_RATE} req/s ${funds300.p99Ms.toFixed(1)} ms (target <= ${TARGET_P99_MS} ms: ${verdict(funds300.p99Ms <= TARGET_P99_MS)})`,
          );
      }),
    ),
  );
}
