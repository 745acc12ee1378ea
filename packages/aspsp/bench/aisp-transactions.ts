/**
 * The performance point of issue 11: `GET /stet/psd2/v1.4.2/accounts/{id}/transactions` (50 entries a
 * page) on an account holding 100 000 entries over 13 months, as `npm start` serves it (`openstet serve`,
 * default logging), over mTLS with real signatures, against the funds call measured in the same run.
 *
 * The database (PostgreSQL at `DATABASE_URL`, as the funds scenario; PGlite when it is unreachable, and
 * then every figure is labelled as such) holds a sandbox population of 10 000 accounts with a cbpii token
 * per customer for the bench TPP (the funds calls), one of whose accounts gets the 100 000 entries and an
 * aisp + extended_transaction_history token (lib/long-history.ts). AISP reads send `PSU-IP-Address`:
 * attended, so no 4-a-day quota (RTS Art. 36(5)(b)). Every request is signed, with its own X-Request-ID.
 *
 * Two pages are read: the first page of the default 90-day window, and a page deep in the history, the
 * `next` of the first page of the window 13 to 12 months ago (about 92 000 entries below the newest).
 * Printed:
 * - saturation, 50 connections: funds call, first page, deep page; `first page ÷ funds throughput`;
 * - p50 / p99 at an evenly paced 200 req/s, first and deep page alternating, two rounds each;
 *   `deep page p99 ÷ first page p99`;
 * - the plan of each page's query (`EXPLAIN (ANALYZE, BUFFERS)` of the SQL the bank sends), and per page
 *   the entries scan, rows read, buffers, sorts and whether the SQL has an OFFSET (lib/page-plan.ts).
 */

import { readEidasCertificate } from '@openstet/protocol';
import { openStore, type Store } from '../src/index.ts';
import { withDataDir } from './lib/bank-process.ts';
import { type BenchDatabase, postgresOrPglite } from './lib/database.ts';
import {
  type Measurement,
  measure,
  type PooledRequest,
  percentile,
  probeRate,
  WARM_UP_SECONDS,
} from './lib/load.ts';
import { type LongHistory, prepareLongHistory } from './lib/long-history.ts';
import { measurePaced, type PacedMeasurement } from './lib/paced-load.ts';
import { explainPage, type PagePlan, type PlanView } from './lib/page-plan.ts';
import { type Customer, fundsRequest, populate, tokenCount } from './lib/population.ts';
import { printCpu, printPaced, printTable, warnOnFailures, warnOnInterference } from './lib/report.ts';
import { type BankEnvironment, type ServedBank, serveBank } from './lib/served-bank.ts';
import { expectStatus, post, registerQseal, signedPool, TPP } from './lib/tpp.ts';
import { issueTpp, type TppFiles } from './lib/tpp-files.ts';
import { type AispSession, findPages, type Page, signReads, VERSION_PATH } from './lib/transaction-pages.ts';

const FUNDS_PATH = `${VERSION_PATH}/funds-confirmations`;
const ENTRIES = 100_000;
/** 13 months. */
const HISTORY_DAYS = 395;
const POPULATION = 10_000;
const CONNECTIONS = 50;
const RATE = 200;
const PAGE_ROUNDS = 2;
/**
 * A route's pool of distinct signed requests (the bank refuses a replay) is sized from a probe of
 * PROBE_REQUESTS, which also warms the bank up. A probe is short and starts cold: here it came out 20 %
 * (transactions) to 40 % (funds call) below the rate measured next, so the pool is POOL_HEADROOM times
 * the probed rate; a pool that still runs out shows as non-2xx answers and a warning.
 */
const PROBE_REQUESTS = 2000;
const POOL_HEADROOM = 2.5;

export const title = `AISP transactions (v1.4.2) on an account of ${ENTRIES} entries, first and deep page, against the funds call`;

interface Session extends AispSession {
  readonly served: ServedBank;
  readonly customers: readonly Customer[];
}

function bankOn(dataDir: string, database: BenchDatabase): BankEnvironment {
  const { postgres } = database;
  // An unreachable DATABASE_URL in the bench's environment must not reach the bank: it falls back too.
  if (!postgres) return { dataDir, env: { DATABASE_URL: '' } };
  return { dataDir, env: { DATABASE_URL: postgres.url, OPENSTET_DATABASE_SCHEMA: postgres.schema } };
}

/** The bank's store opened by the bench itself, only while no bank runs (PGlite is single-process). */
async function withStore<T>(
  database: BenchDatabase,
  dataDir: string,
  use: (store: Store, schema: string) => Promise<T>,
): Promise<T> {
  const { postgres } = database;
  const store = await openStore(
    postgres ? { databaseUrl: postgres.url, schema: postgres.schema } : { dataDir },
  );
  try {
    return await use(store, postgres?.schema ?? 'public');
  } finally {
    await store.close();
  }
}

let fundsSigned = 0;
function signFunds(session: Session, count: number): Promise<PooledRequest[]> {
  process.stderr.write(`signing ${count} distinct funds requests (the TPP's work)\n`);
  const { customers } = session;
  const first = fundsSigned;
  fundsSigned += count;
  return signedPool(session.tpp.qseal, FUNDS_PATH, count, (i) =>
    fundsRequest(customers[(first + i) % customers.length] as Customer, first + i),
  );
}

/** A route under load: where, how, and how its distinct signed requests are made. */
interface Route {
  readonly name: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly sign: (count: number) => Promise<PooledRequest[]>;
}

/** Probes a route, signs a pool for its warm-up and measurement at the probed rate, and measures it. */
async function saturate(session: Session, route: Route, seconds: number): Promise<Measurement> {
  const { name, url, method, sign } = route;
  const target = (requests: readonly PooledRequest[]) => ({
    name,
    url,
    method,
    requests,
    tls: session.tpp.tls,
    connections: CONNECTIONS,
    bankPid: session.served.pid,
  });
  const rate = await probeRate(target(await sign(PROBE_REQUESTS)));
  return measure(target(await sign(Math.ceil(rate * POOL_HEADROOM * (seconds + WARM_UP_SECONDS)))), seconds);
}

async function saturation(session: Session, pages: readonly Page[], seconds: number): Promise<void> {
  const { mtlsUrl } = session.served;
  const routes: Route[] = [
    {
      name: 'funds confirmation',
      url: `${mtlsUrl}${FUNDS_PATH}`,
      method: 'POST',
      sign: (count) => signFunds(session, count),
    },
    ...pages.map(
      (page): Route => ({
        name: `transactions, ${page.name}`,
        url: `${mtlsUrl}${page.path}`,
        method: 'GET',
        sign: (count) => signReads(session, page.path, count),
      }),
    ),
  ];
  const rows: Measurement[] = [];
  for (const route of routes) rows.push(await saturate(session, route, seconds));
  console.log(`\nsaturation, ${CONNECTIONS} connections:`);
  printTable(rows, { p50: true });
  warnOnFailures(rows);
  warnOnInterference(rows);
  console.log('');
  printCpu(rows);
  const [funds, first, deep] = rows as [Measurement, Measurement, Measurement];
  const ratio = (a: Measurement, b: Measurement) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
  console.log(`\ntransactions first page ÷ funds-confirmation throughput = ${ratio(first, funds)}`);
  console.log(`deep page ÷ first page throughput (information) = ${ratio(deep, first)}`);
}

/** One page at RATE req/s, evenly paced, each request new; every latency handed to `keep`. */
async function pacedRound(
  session: Session,
  page: Page,
  label: string,
  seconds: number,
  keep: (latencies: readonly number[]) => void,
): Promise<PacedMeasurement> {
  const pool = await signReads(session, page.path, Math.ceil(RATE * (seconds + WARM_UP_SECONDS) * 1.05));
  let next = 0;
  const target = {
    name: label,
    origin: new URL(session.served.mtlsUrl).origin,
    path: page.path,
    method: 'GET' as const,
    tls: session.tpp.tls,
    connections: CONNECTIONS,
    bankPid: session.served.pid,
    next: () => pool[next++] as PooledRequest,
  };
  return measurePaced(target, RATE, seconds, WARM_UP_SECONDS, keep);
}

/** Each page at RATE req/s, alternating, PAGE_ROUNDS rounds each; p50 and p99 over all its rounds. */
async function paced(session: Session, pages: readonly Page[], seconds: number): Promise<void> {
  const latencies = new Map<Page, number[]>();
  const rows: PacedMeasurement[] = [];
  for (let round = 1; round <= PAGE_ROUNDS; round++)
    for (const page of pages) {
      const keep = (all: readonly number[]) => latencies.set(page, [...(latencies.get(page) ?? []), ...all]);
      rows.push(await pacedRound(session, page, `${page.name}, round ${round}`, seconds, keep));
    }
  console.log(`\nevenly paced at ${RATE} req/s, latency from each request's due time:`);
  printPaced(rows);
  warnOnInterference(rows);
  console.log('');
  printCpu(rows);
  const p = (page: Page, fraction: number) => percentile(latencies.get(page) ?? [], fraction);
  for (const page of pages)
    console.log(
      `${page.name} at ${RATE} req/s over ${PAGE_ROUNDS} rounds: p50 ${p(page, 0.5).toFixed(2)} ms, p99 ${p(page, 0.99).toFixed(2)} ms`,
    );
  const [first, deep] = pages as [Page, Page];
  console.log(`deep page p99 ÷ first page p99 = ${(p(deep, 0.99) / p(first, 0.99)).toFixed(2)}`);
}

function printPlan(name: string, text: readonly string[]): void {
  console.log(`\n${name}, EXPLAIN (ANALYZE, BUFFERS, COSTS OFF):`);
  for (const line of text) console.log(`  ${line}`);
}

function planLine(name: string, plan: PlanView): string {
  const sorts =
    plan.sortedRows.length === 0 ? 'none' : plan.sortedRows.map((rows) => `${rows} rows`).join(', ');
  return `${name}: ${plan.entriesScan}, ${plan.rowsRead} rows read (${plan.rowsRemovedByFilter} removed by filter), ${plan.buffers} buffers; sorts: ${sorts}`;
}

/** Checks the query derived for `page` reads the entries the bank answered, in the same order. */
function sameEntries(page: Page, plan: PagePlan): string {
  const same = page.references.every((reference, index) => plan.references[index] === reference);
  if (!same) throw new Error(`${page.name}: the query explained does not read the page the bank answered`);
  return `${page.name}: the query explained reads the ${page.references.length} entries the bank answered`;
}

async function printPlans(database: BenchDatabase, dataDir: string, pages: { first: Page; deep: Page }) {
  const [first, deep] = await withStore(database, dataDir, async (store) => [
    await explainPage(store.db, pages.first.query),
    await explainPage(store.db, pages.deep.query),
  ]);
  console.log(
    `\nthe page query as the bank sends it (a named prepared statement, store/prepared-reads.ts), deep page:\n  ${deep.sql}`,
  );
  printPlan('first page', first.text);
  printPlan('deep page', deep.text);
  printPlan(
    'deep page, generic plan (the one PostgreSQL may keep for the prepared statement)',
    deep.generic.text,
  );
  console.log('');
  console.log(sameEntries(pages.first, first));
  console.log(sameEntries(pages.deep, deep));
  console.log(planLine('first page', first));
  console.log(planLine('deep page', deep));
  console.log(planLine('deep page, generic plan', deep.generic));
  console.log(`OFFSET in the SQL: ${first.offset || deep.offset ? 'YES' : 'none'}`);
  console.log(
    `deep ÷ first: rows read ${(deep.rowsRead / first.rowsRead).toFixed(2)}, buffers ${(deep.buffers / first.buffers).toFixed(2)}`,
  );
}

/** What the bank is measured on: the TPP, the population (funds calls) and the long history (AISP). */
interface Prepared {
  readonly bank: BankEnvironment;
  readonly tpp: TppFiles;
  readonly customers: readonly Customer[];
  readonly history: LongHistory;
}

async function prepare(database: BenchDatabase, dataDir: string): Promise<Prepared> {
  const bank = bankOn(dataDir, database);
  const tpp = await issueTpp(bank, ['PSP_IC', 'PSP_AI']);
  process.stderr.write(`populating ${POPULATION} accounts\n`);
  const population = await populate(bank, POPULATION, tpp.qwacFile, tokenCount());
  const holder = population.customers[0];
  if (!holder) throw new Error('the population has no customer with an open account');
  const plan = {
    iban: holder.iban,
    entries: ENTRIES,
    days: HISTORY_DAYS,
    clientId: TPP.organizationIdentifier,
    certificateThumbprint: readEidasCertificate(tpp.tls.cert).fingerprint256,
  };
  const history = await withStore(database, dataDir, (store, schema) =>
    prepareLongHistory(store, schema, plan, new Date()),
  );
  console.log(
    `population: ${POPULATION} accounts in ${population.seconds.toFixed(1)} s; funds calls spread over ${population.customers.length} customers`,
  );
  console.log(
    `account ${history.iban}: ${ENTRIES} entries from ${history.oldest} to ${history.today}, written and vacuumed in ${history.seconds.toFixed(1)} s`,
  );
  console.log(
    'requests: each signed, with its own X-Request-ID, never repeated; transactions reads attended (PSU-IP-Address), token aisp + extended_transaction_history',
  );
  return { bank, tpp, customers: population.customers, history };
}

/** `openstet serve` on the prepared database: both pages found and checked, then measured. */
async function measureBank(prepared: Prepared, seconds: number): Promise<{ first: Page; deep: Page }> {
  const { tpp } = prepared;
  const served = await serveBank(prepared.bank);
  try {
    await registerQseal(served.mtlsUrl, { tls: tpp.tls, qseal: tpp.qseal, qwacFingerprint256: '' });
    const session: Session = { served, mtlsUrl: served.mtlsUrl, ...prepared };
    const pages = await findPages(session);
    console.log(`first page: GET ${pages.first.path}\n  ${pages.first.description}`);
    console.log(`deep page: GET ${pages.deep.path}\n  ${pages.deep.description}`);
    const [check] = await signFunds(session, 1);
    const url = `${served.mtlsUrl}${FUNDS_PATH}`;
    await expectStatus(
      'funds confirmation',
      post(url, check?.headers ?? {}, check?.body ?? '', tpp.tls),
      200,
    );
    await saturation(session, [pages.first, pages.deep], seconds);
    await paced(session, [pages.first, pages.deep], seconds);
    return pages;
  } finally {
    await served.close();
  }
}

export async function run(seconds: number): Promise<void> {
  const database = await postgresOrPglite();
  try {
    await withDataDir(async (dataDir) => {
      console.log(`database: ${database.description}`);
      const prepared = await prepare(database, dataDir);
      const pages = await measureBank(prepared, seconds);
      await printPlans(database, dataDir, pages);
    });
  } finally {
    await database.drop();
  }
}
