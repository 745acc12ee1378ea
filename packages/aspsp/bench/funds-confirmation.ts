/**
 * The acceptance criterion of the hot path: an authenticated, signed
 * `POST /stet/psd2/v1.4.2/funds-confirmations` on PostgreSQL against a bare route on the same mTLS
 * listener, in one run, 50 connections. Targets: throughput ratio >= 0.5 and p99 <= 25 ms.
 *
 * The funds route does everything a card issuer's call costs the bank: QWAC licence and role, quota,
 * draft-cavage signature and Digest, the access token (bound to the QWAC) and its consent read from
 * PostgreSQL, the core banking checks, and the response signed with the bank's seal (STET CR199); the
 * audit trail records every call of both routes. It runs twice, each time on a bank of its own: with the
 * sandbox's RSA-2048 seal (rsa-sha256, the STET profile), then with an ECDSA P-256 seal (ecdsa-sha256),
 * as a bank that chose an EC QSealC runs; the seal is the largest single cost of the call. The bare route answers `{ "result": true }` behind mTLS
 * alone.
 *
 * The access token is made in the bank process through the bank's own services, as the authorization-code
 * grant makes it after Marc's SCA: a consent for his two accounts, then a token pair bound to the TPP's
 * QWAC. The bench then sends the seed's request with it. PostgreSQL is `DATABASE_URL`, or
 * postgres://postgres@127.0.0.1:5432/test; the bank gets a schema of its own, dropped at the end. When
 * PostgreSQL cannot be reached the bank falls back to the embedded PGlite, and the output says so.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueEidasCertificate, type KeyAndCertificate } from '@openstet/protocol';
import type { Consent } from '../src/core/consent/consent.ts';
import { giveConsent } from '../src/core/consent/give-consent.ts';
import { type IssuedTokens, issueTokenPair } from '../src/core/tokens/issue-token-pair.ts';
import type { App, RunningServer } from '../src/index.ts';
import { type Bank, type BankSide, withBank, withDataDir } from './lib/bank-process.ts';
import { postgresOrPglite } from './lib/database.ts';
import { measure, poolSize, type Target } from './lib/load.ts';
import {
  printCpu,
  printRatios,
  printTable,
  verdict,
  warnOnFailures,
  warnOnInterference,
} from './lib/report.ts';
import {
  type BenchTpp,
  createTpp,
  expectStatus,
  FUNDS_REQUEST,
  post,
  registerQseal,
  signedHeaders,
  signedPool,
  TPP,
} from './lib/tpp.ts';

const FUNDS_PATH = '/stet/psd2/v1.4.2/funds-confirmations';
const BARE_PATH = '/bench/bare';
const CONNECTIONS = 50;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;
/** Marc, the seed's first persona, and the two accounts he consents on the consent page. */
const MARC = {
  psuId: 'psu-marc',
  accounts: ['FR7613807008043001965405158', 'FR7613807008043001965405255'],
} as const;

export const title = `funds confirmation (v1.4.2) vs bare route, same mTLS listener, ${CONNECTIONS} connections`;

interface Parameters {
  readonly qwacFingerprint256: string;
}

interface Info {
  readonly accessToken: string;
}

/**
 * Marc's consent and a token pair for it, bound to the TPP's QWAC, given and issued by the core's use cases
 * as the SCA pages and the authorization-code grant do; only the access token leaves the bank process.
 */
async function issueAccessToken(server: RunningServer, qwacFingerprint256: string): Promise<Info> {
  const { consents, tokens, now } = server.app.services;
  const consent = (await giveConsent(consents, {
    psuId: MARC.psuId,
    establishment: '13807',
    clientId: TPP.organizationIdentifier,
    scopes: ['cbpii'],
    offered: MARC.accounts,
    chosen: MARC.accounts,
    scaAt: now(),
  })) as Consent;
  const issued = await issueTokenPair(
    { tokens, now },
    {
      clientId: consent.clientId,
      establishment: consent.establishment,
      role: consent.role,
      scopes: consent.scopes,
      certificateThumbprint: qwacFingerprint256,
      consent,
    },
  );
  return { accessToken: (issued as IssuedTokens).accessToken };
}

export const bank: BankSide = {
  extend(app: App) {
    app.mtls.post(BARE_PATH, async () => ({ result: true }));
  },
  setUp: (server, parameters) => issueAccessToken(server, (parameters as Parameters).qwacFingerprint256),
};

function accessTokenOf(info: unknown): string {
  const token = (info as Partial<Info> | null)?.accessToken;
  if (typeof token !== 'string') throw new Error('The bank sent no access token');
  return token;
}

/** One request to each route first: both answer 200, the funds one `"result":true`, signed by the bank. */
async function checkRoutes(
  funds: Target,
  bare: Target,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const answer = await expectStatus(funds.name, post(funds.url, headers, funds.body, funds.tls), 200);
  if (!answer.body.includes('"result":true'))
    throw new Error(`${funds.name}: expected "result":true, got ${answer.body}`);
  if (typeof answer.headers.signature !== 'string')
    throw new Error(`${funds.name}: the response carries no signature header (STET CR199)`);
  await expectStatus(bare.name, post(bare.url, headers, bare.body, bare.tls), 200);
}

/**
 * Loads the bare route and the funds route of one bank. `pool` holds the distinct signed requests; the
 * Authorization header is not signed (STET), so one pool serves every bank with its own token.
 */
async function measureRoutes(
  bank: Bank,
  tpp: BenchTpp,
  pool: readonly Readonly<Record<string, string>>[],
  seconds: number,
) {
  const { mtlsUrl } = bank;
  const authorization = `Bearer ${accessTokenOf(bank.info)}`;
  await registerQseal(mtlsUrl, tpp);
  const check = await signedHeaders(tpp.qseal, FUNDS_PATH, FUNDS_REQUEST, { authorization });
  const target = (name: string, path: string, headers: Target['headers']): Target => ({
    name,
    url: `${mtlsUrl}${path}`,
    headers,
    body: FUNDS_REQUEST,
    tls: tpp.tls,
    connections: CONNECTIONS,
    bankPid: bank.pid,
  });
  const bareTarget = target('bare route (mTLS only)', BARE_PATH, [check]);
  const fundsTarget = target(
    'funds confirmation',
    FUNDS_PATH,
    pool.map((headers) => ({ ...headers, authorization })),
  );
  await checkRoutes(fundsTarget, bareTarget, check);
  const bare = await measure(bareTarget, seconds);
  const funds = await measure(fundsTarget, seconds);
  return { bare, funds };
}

/** The bank's QSealC signing every answer (STET CR199): the sandbox's RSA-2048 one, or an ECDSA P-256 one. */
type SealKeyType = 'rsa' | 'ec';

/** An ECDSA P-256 QSealC for the bank, from the run's CA, configured as a bank configures its own. */
async function ecSealEnvironment(dataDir: string, ca: KeyAndCertificate): Promise<Record<string, string>> {
  const seal = await issueEidasCertificate(ca, {
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
  writeFileSync(env.OPENSTET_SEAL_CERT_FILE, seal.certificatePem);
  writeFileSync(env.OPENSTET_SEAL_KEY_FILE, seal.privateKeyPem, { mode: 0o600 });
  return env;
}

const SEALS: Readonly<Record<SealKeyType, string>> = {
  rsa: 'RSA-2048 bank seal, rsa-sha256 (the sandbox default)',
  ec: 'ECDSA P-256 bank seal, ecdsa-sha256',
};

/** Verdicts of one bank: its funds route against its own bare route. */
interface Outcome {
  readonly seal: SealKeyType;
  readonly ratio: number;
  readonly p99Ms: number;
}

/**
 * Creates the TPP, then for each bank seal (RSA-2048, then ECDSA P-256) starts a bank on PostgreSQL,
 * checks both routes, and loads the bare route and the funds route; ends with both verdicts.
 */
export async function run(seconds: number): Promise<void> {
  console.log(
    'access token: Marc’s consent and token pair made through the bank’s services, bound to the QWAC',
  );
  await withDataDir(async (dataDir, ca) => {
    const tpp = await createTpp(ca);
    const count = poolSize(seconds);
    process.stderr.write(`signing ${count} distinct funds-confirmation requests (the TPP's work)\n`);
    const pool = await signedPool(tpp.qseal, FUNDS_PATH, FUNDS_REQUEST, {}, count);
    const outcomes: Outcome[] = [];
    for (const seal of Object.keys(SEALS) as SealKeyType[]) {
      console.log(`\n-- ${SEALS[seal]} --`);
      outcomes.push(await runBank(seal, dataDir, ca, tpp, pool, seconds));
    }
    console.log('');
    for (const { seal, ratio, p99Ms } of outcomes) {
      console.log(
        `${SEALS[seal]}: throughput ratio ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}), p99 ${p99Ms.toFixed(1)} ms (target <= ${TARGET_P99_MS} ms: ${verdict(p99Ms <= TARGET_P99_MS)})`,
      );
    }
  });
}

/**
 * One bank with the given seal, on a PostgreSQL schema of its own (so the second run does not start
 * with the first one's audit trail): both routes loaded, the table, the CPU use and the ratio printed.
 */
async function runBank(
  seal: SealKeyType,
  dataDir: string,
  ca: KeyAndCertificate,
  tpp: BenchTpp,
  pool: readonly Readonly<Record<string, string>>[],
  seconds: number,
): Promise<Outcome> {
  const database = await postgresOrPglite();
  console.log(`database: ${database.description}`);
  try {
    const launch = {
      scenario: import.meta.url,
      dataDir,
      postgres: database.postgres,
      parameters: { qwacFingerprint256: tpp.qwacFingerprint256 } satisfies Parameters,
      env: seal === 'ec' ? await ecSealEnvironment(dataDir, ca) : {},
    };
    return await withBank(launch, async (bank) => {
      const { bare, funds } = await measureRoutes(bank, tpp, pool, seconds);
      console.log('');
      printTable([bare, funds], { p50: true });
      warnOnFailures([bare, funds]);
      warnOnInterference([bare, funds]);
      console.log('');
      printCpu([bare, funds]);
      console.log('');
      printRatios(funds, bare, { route: 'funds confirmation', baseline: 'bare route' }, TARGET_RATIO);
      return { seal, ratio: funds.requestsPerSecond / bare.requestsPerSecond, p99Ms: funds.p99Ms };
    });
  } finally {
    await database.drop();
  }
}
