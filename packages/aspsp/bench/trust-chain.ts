/**
 * `npm run bench`: what the trust chain costs on the hot path of every STET call.
 *
 * One server, one mTLS listener, two routes answering the same tiny JSON: one behind the full trust chain
 * (QWAC licence and role check, Digest, draft-cavage signature verification), one without it. Both get
 * the same signed, mTLS-authenticated funds-confirmation request from autocannon in the same run, and the
 * result is printed as a ratio against that baseline, never as a timed assertion: absolute numbers depend
 * on the machine, the ratio much less. Loopback traffic only.
 *
 * The bank runs in a child process (this file with `--bank <dataDir>`), autocannon in this one: sharing
 * an event loop, the load generator's own per-request cost would be added to both routes and pull the
 * ratio towards 1. It also lets us time every response with sub-millisecond resolution (autocannon's
 * histogram keeps whole milliseconds, and the baseline's p99 is below one).
 *
 * Environment: `BENCH_SECONDS` (default 10) per measured scenario, after a 3 s warm-up of each;
 * `BENCH_CONNECTIONS` (default 32).
 */

import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeDigest,
  headersToSign,
  issueEidasCertificate,
  type KeyAndCertificate,
  readEidasCertificate,
  serialAndIssuerKeyId,
  signMessage,
} from '@openstet/protocol';
import autocannon from 'autocannon';
import pg from 'pg';
import { type App, ensureSandboxPki, loadConfig, startServer } from '../src/index.ts';

const TRUST_PATH = '/stet/psd2/v1/bench';
const BASELINE_PATH = '/bench/baseline';
const BODY = JSON.stringify({
  paymentCoverageRequestId: 'MyCoverage123456',
  instructedAmount: { currency: 'EUR', amount: '123.45' },
  accountId: { iban: 'FR7613807008043001965405158' },
});
const TPP = { organizationIdentifier: 'PSDFR-ACPR-12345', organizationName: 'Bench TPP' } as const;
/**
 * Enough connections to keep the bank busy, so the bench measures capacity: with 10, the thread-pool round
 * trip of the RSA check leaves the event loop idle a fifth of the time and latency, not work, sets the pace.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARM_UP_SECONDS = 3;
const TARGET_RATIO = 0.5;
const BANK_FLAG = '--bank';

// ---------------------------------------------------------------------------------------------------
// The bank (child process)
// ---------------------------------------------------------------------------------------------------

/** The bank's message to the bench once it listens. */
interface BankReady {
  readonly type: 'ready';
  readonly mtlsUrl: string;
}

function isBankReady(message: unknown): message is BankReady {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Partial<BankReady>).type === 'ready' &&
    typeof (message as Partial<BankReady>).mtlsUrl === 'string'
  );
}

/** The bench's own routes; `extend` runs before the listeners open. Both answer the same payload. */
function benchRoutes(app: App): void {
  app.mtls.post(TRUST_PATH, app.trust.stetRoute({ role: 'PSP_IC' }), async () => ({ result: true }));
  app.mtls.post(BASELINE_PATH, async () => ({ result: true }));
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the bank on ephemeral ports in the bench's data directory (whose sandbox PKI the bench made),
 * in a schema of its own on PostgreSQL, and licenses the bench TPP as the register would. Runs until
 * the bench disconnects, then closes and drops the schema.
 */
async function runBank(dataDir: string): Promise<void> {
  // Without the IPC channel nothing would ever tell the bank to stop.
  if (!process.send) throw new Error(`${BANK_FLAG} is for the bench's own child process: run npm run bench`);
  const databaseUrl = process.env.DATABASE_URL;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const server = await startServer(
    loadConfig({
      OPENSTET_DATA_DIR: dataDir,
      OPENSTET_PUBLIC_PORT: '0',
      OPENSTET_MTLS_PORT: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, OPENSTET_DATABASE_SCHEMA: schema } : {}),
    }),
    { log: false, extend: benchRoutes },
  );
  try {
    await server.app.registry.save({
      organizationIdentifier: TPP.organizationIdentifier,
      name: TPP.organizationName,
      ncaName: 'ACPR',
      ncaId: 'FR-ACPR',
      roles: ['PSP_IC'],
      status: 'licensed',
    });
    const ready: BankReady = { type: 'ready', mtlsUrl: server.mtlsUrl };
    process.send(ready);
    // The IPC channel closes when the bench is done, or dies: either way the bank stops.
    await new Promise<void>((resolve) => process.once('disconnect', resolve));
  } finally {
    await server.close();
    if (databaseUrl) await dropSchema(databaseUrl, schema);
  }
}

// ---------------------------------------------------------------------------------------------------
// The bench (parent process): the TPP side and the load generator
// ---------------------------------------------------------------------------------------------------

/** What a client needs to open an mTLS connection to the bank: the CA to trust and the TPP's QWAC. */
interface ClientTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

interface Scenario {
  readonly name: string;
  readonly path: string;
}

interface Measurement {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

interface Bank {
  readonly mtlsUrl: string;
  close(): Promise<void>;
}

function benchSeconds(): number {
  const raw = process.env.BENCH_SECONDS;
  if (raw === undefined || raw === '') return 10;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1) throw new Error(`BENCH_SECONDS must be at least 1, got "${raw}"`);
  return Math.round(value);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Forks the bank (this file, same `--import tsx`) and waits until it listens. */
async function startBank(dataDir: string): Promise<Bank> {
  // The bank runs as `openstet serve` runs it: one libuv thread for RSA (packages/cli/bin/openstet.js).
  const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '1' };
  const child = fork(fileURLToPath(import.meta.url), [BANK_FLAG, dataDir], { stdio: 'inherit', env });
  const mtlsUrl = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if (isBankReady(message)) resolve(message.mtlsUrl);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`The bank exited (${signal ?? `code ${code}`}) before it was ready`)),
    );
  });
  return {
    mtlsUrl,
    async close() {
      if (child.connected) child.disconnect();
      await exited(child);
    },
  };
}

interface Response {
  readonly status: number;
  readonly body: string;
}

/** One POST over mTLS with node:https, to set up and to check each route before loading it. */
function post(url: string, headers: Readonly<Record<string, string>>, body: string, tls: ClientTls) {
  return new Promise<Response>((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method: 'POST', headers, ...tls, servername: 'localhost', agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function expectStatus(what: string, response: Promise<Response>, status: number): Promise<void> {
  const { status: actual, body } = await response;
  if (actual !== status) throw new Error(`${what}: expected ${status}, got ${actual}: ${body}`);
}

/** Registers the TPP's QSealC, as a card issuer does once before its first funds check. */
async function registerQseal(mtlsUrl: string, tls: ClientTls, qseal: KeyAndCertificate): Promise<void> {
  const registration = JSON.stringify({
    redirect_uris: ['https://tpp.example/cb'],
    client_name: TPP.organizationName,
    signing_certificate: qseal.certificatePem,
  });
  const headers = { 'content-type': 'application/json' };
  await expectStatus('POST /register', post(`${mtlsUrl}/register`, headers, registration, tls), 201);
}

/**
 * One fixed, pre-signed request, replayed as is: signing is the TPP's cost, not the bank's, so it stays
 * out of the loop. The signed Date stays within the bank's 300 s clock skew for a run this short.
 */
async function signedHeaders(qseal: KeyAndCertificate): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'x-request-id': randomUUID(),
    date: new Date().toUTCString(),
    'content-type': 'application/json',
    digest: computeDigest(BODY),
  };
  const signature = await signMessage(
    { method: 'POST', target: TRUST_PATH, headers },
    {
      keyId: serialAndIssuerKeyId(readEidasCertificate(qseal.certificatePem)),
      privateKey: qseal.privateKeyPem,
      headers: headersToSign(Object.keys(headers), true),
    },
  );
  return { ...headers, signature };
}

/** Runs autocannon for `seconds`, handing every response time (ms, fractional) to `onLatency`. */
function load(
  url: string,
  headers: Record<string, string>,
  tls: ClientTls,
  seconds: number,
  onLatency: (ms: number) => void = () => {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers,
        body: BODY,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        // Passed to tls.connect for every connection, so each one presents the QWAC like a real TPP.
        // autocannon forces rejectUnauthorized: false on its side: acceptable, loopback to our bank only.
        tlsOptions: { ca: tls.ca, cert: tls.cert, key: tls.key },
        servername: 'localhost',
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(
  scenario: Scenario,
  baseUrl: string,
  headers: Record<string, string>,
  tls: ClientTls,
  seconds: number,
): Promise<Measurement> {
  const url = `${baseUrl}${scenario.path}`;
  process.stderr.write(`${scenario.name}: warm-up ${WARM_UP_SECONDS} s, then ${seconds} s\n`);
  await load(url, headers, tls, WARM_UP_SECONDS);
  const latencies: number[] = [];
  const result = await load(url, headers, tls, seconds, (ms) => latencies.push(ms));
  return {
    name: scenario.name,
    requestsPerSecond: result.requests.mean,
    p99Ms: percentile(latencies, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function printTable(rows: readonly Measurement[]): void {
  const header = ['scenario', 'requests/s (mean)', 'p99 latency (ms)', 'non-2xx', 'errors'];
  const cells = rows.map((row) => [
    row.name,
    row.requestsPerSecond.toFixed(0),
    row.p99Ms.toFixed(3),
    String(row.non2xx),
    String(row.errors),
  ]);
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

function warnOnFailures(row: Measurement): void {
  if (row.non2xx > 0 || row.errors > 0) {
    console.warn(
      `WARNING: ${row.name}: ${row.non2xx} non-2xx responses and ${row.errors} errors; its numbers are not valid`,
    );
  }
}

function printRatios(chain: Measurement, baseline: Measurement): void {
  const throughput = chain.requestsPerSecond / baseline.requestsPerSecond;
  const verdict = throughput >= TARGET_RATIO ? 'met' : 'NOT met';
  console.log('');
  console.log(
    `trust chain / baseline throughput ratio: ${throughput.toFixed(2)} (target >= ${TARGET_RATIO}: ${verdict})`,
  );
  console.log(`trust chain / baseline p99 latency ratio: ${(chain.p99Ms / baseline.p99Ms).toFixed(2)}`);
}

/** Onboards the TPP, checks both routes answer 200, then loads the baseline and the trust chain in turn. */
async function runScenarios(mtlsUrl: string, ca: KeyAndCertificate, seconds: number): Promise<void> {
  const subject = { ...TPP, roles: ['PSP_IC' as const] };
  const [qwac, qseal] = await Promise.all([
    issueEidasCertificate(ca, { kind: 'qwac', ...subject }),
    issueEidasCertificate(ca, { kind: 'qsealc', ...subject }),
  ]);
  const tls = { ca: ca.certificatePem, cert: qwac.certificatePem, key: qwac.privateKeyPem };
  await registerQseal(mtlsUrl, tls, qseal);
  const headers = await signedHeaders(qseal);
  const baselineScenario = { name: 'baseline (mTLS only)', path: BASELINE_PATH };
  const chainScenario = { name: 'trust chain', path: TRUST_PATH };
  for (const scenario of [baselineScenario, chainScenario]) {
    await expectStatus(scenario.name, post(`${mtlsUrl}${scenario.path}`, headers, BODY, tls), 200);
  }
  const baseline = await measure(baselineScenario, mtlsUrl, headers, tls, seconds);
  const chain = await measure(chainScenario, mtlsUrl, headers, tls, seconds);
  console.log('');
  printTable([baseline, chain]);
  for (const row of [baseline, chain]) warnOnFailures(row);
  printRatios(chain, baseline);
}

async function runBench(): Promise<void> {
  const seconds = benchSeconds();
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-bench-'));
  try {
    // Made here, before the bank starts (it reuses it), so the bench can issue the TPP's certificates.
    const { ca } = await ensureSandboxPki(dataDir);
    const bank = await startBank(dataDir);
    try {
      await runScenarios(bank.mtlsUrl, ca, seconds);
    } finally {
      await bank.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const bankDataDir = process.argv[2] === BANK_FLAG ? process.argv[3] : undefined;
await (bankDataDir ? runBank(bankDataDir) : runBench());
