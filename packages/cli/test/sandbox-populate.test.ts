import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  loadConfig,
  openStore,
  type RunningServer,
  recordBankKind,
  recordedBankKind,
  startServer,
} from '@openstet/aspsp';
import { formatAmount, parseAmount } from '@openstet/protocol';
import { createStetClient, memoryTokenStore, type StetClient, StetError } from '@openstet/tpp';
import { openstet, type Run } from './helpers/openstet.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const ENGINES = DATABASE_URL ? (['PGlite', 'PostgreSQL'] as const) : (['PGlite'] as const);
type Engine = (typeof ENGINES)[number];
const ORG_ID = 'PSDFR-ACPR-12345';

/** One line of `--tokens-out`, as the command's help documents it. */
interface TokenLine {
  readonly ordinal: number;
  readonly psuId: string;
  readonly onlineBankingId: string;
  readonly subscription: 'active' | 'terminated';
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accounts: readonly {
    readonly iban: string;
    readonly status: 'open' | 'closed' | 'blocked';
    readonly available: { readonly amount: string; readonly currency: string };
  }[];
}

const directories: string[] = [];
after(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A fresh data directory and, on PostgreSQL, a fresh schema (t_…: dropped when the test run ends). */
function freshBank(engine: Engine): { dataDir: string; env: Record<string, string> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-populate-'));
  directories.push(dataDir);
  const database: Record<string, string> =
    engine === 'PostgreSQL' && DATABASE_URL
      ? { DATABASE_URL, OPENSTET_DATABASE_SCHEMA: `t_${randomBytes(6).toString('hex')}` }
      : {};
  // Ports chosen at start: the test QWACs then name no CRL or OCSP responder the bank would have to reach.
  const ports = { OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0' };
  return { dataDir, env: { OPENSTET_DATA_DIR: dataDir, ...ports, ...database } };
}

/** The database of `env` as the command's messages name it. */
function databaseName(env: Record<string, string>): string {
  if (!env.DATABASE_URL) return `the embedded database in ${env.OPENSTET_DATA_DIR}`;
  const url = new URL(env.DATABASE_URL);
  return `the PostgreSQL database ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} (schema ${env.OPENSTET_DATABASE_SCHEMA})`;
}

async function issueQwac(env: Record<string, string>, out: string): Promise<void> {
  const run = await openstet(
    ['certs', 'tpp', '--org-id', ORG_ID, '--name', 'Acme Cards', '--roles', 'PSP_IC', '--out', out],
    env,
  );
  assert.equal(run.code, 0, run.stderr);
}

const populate = (env: Record<string, string>, args: readonly string[]) =>
  openstet(['sandbox', 'populate', ...args], env);

const summary = (run: Run) => {
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
};

const tokenLines = (file: string): TokenLine[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as TokenLine);

test('usage errors exit 2 and name the flag to change', async () => {
  const env = { OPENSTET_DATA_DIR: join(tmpdir(), 'openstet-populate-never-opened') };
  const [noSeed, noCustomers, tooMany, tokensAlone, manyAccounts, unknownEstablishment] = await Promise.all([
    populate(env, ['--customers', '10']),
    populate(env, ['--customers', '0', '--seed', 'x']),
    populate(env, ['--customers', '10000001', '--seed', 'x']),
    populate(env, ['--customers', '10', '--seed', 'x', '--tokens-out', 'tokens.jsonl']),
    populate(env, ['--customers', '10', '--seed', 'x', '--accounts-per-customer', '11']),
    populate(env, ['--customers', '10', '--seed', 'x', '--establishment', '99999']),
  ]);
  for (const run of [noSeed, noCustomers, tooMany, tokensAlone, manyAccounts, unknownEstablishment])
    assert.equal(run.code, 2, run.stderr);
  assert.match(noSeed.stderr, /^error: required option '--seed <text>' not specified$/m);
  assert.equal(noCustomers.stderr, 'openstet: --customers "0": give a whole number from 1 to 10000000\n');
  assert.equal(tooMany.stderr, 'openstet: --customers "10000001": give a whole number from 1 to 10000000\n');
  assert.equal(
    tokensAlone.stderr,
    'openstet: --tokens-out needs --tpp-qwac <file>: the tokens are issued to that TPP\n',
  );
  assert.equal(
    manyAccounts.stderr,
    'openstet: --accounts-per-customer "11": give a whole number from 1 to 10\n',
  );
  assert.equal(
    unknownEstablishment.stderr,
    'openstet: --establishment "99999" is not one this bank serves: use one of 10807, 16807, 10207, 18707, 13507, 16607, 10907, 14707, 17807, 13807, 14607\n',
  );
});

test('sandbox populate --help documents the flags, the tokens file, the exit codes and an example', async () => {
  const run = await populate({}, ['--help']);
  assert.equal(run.code, 0, run.stderr);
  for (const text of [
    '--customers <n>',
    '--seed <text>',
    '--accounts-per-customer <k>',
    '--establishment <code>',
    '--tpp-qwac <file>',
    '--tokens-out <file>',
    '--allow-non-sandbox',
    '--json',
    '"available":{"amount":"123.45","currency":"EUR"}',
    'Exit codes: 0 populated, 1 refused or failed',
    '$ npx openstet sandbox populate --customers 10000 --seed demo',
  ])
    assert.ok(run.stdout.includes(text), `--help mentions ${text}`);
});

for (const engine of ENGINES) {
  describe(`openstet sandbox populate (${engine})`, () => {
    test('the same seed into two fresh databases writes byte-identical tokens files, one line per customer, mode 0600', async () => {
      const [first, second] = [freshBank(engine), freshBank(engine)];
      const certs = join(first.dataDir, 'tpp');
      await issueQwac(first.env, certs);
      const files = [join(first.dataDir, 'tokens.jsonl'), join(second.dataDir, 'tokens.jsonl')];
      const args = (file: string) => [
        '--customers',
        '120',
        '--accounts-per-customer',
        '2',
        '--seed',
        'twins',
        '--tpp-qwac',
        join(certs, 'qwac.pem'),
        '--tokens-out',
        file,
        '--json',
      ];
      const runs = await Promise.all([
        populate(first.env, args(files[0] ?? '')),
        populate(second.env, args(files[1] ?? '')),
      ]);
      for (const run of runs) {
        const result = summary(run);
        assert.deepEqual(
          [
            result.customers,
            result.accounts,
            result.consents,
            result.tokenPairs,
            result.replaced,
            result.clientId,
          ],
          [120, 240, 120, 120, false, ORG_ID],
        );
      }
      // The second database never licensed the TPP: said at once.
      assert.match(runs[1]?.stderr ?? '', /warning: PSDFR-ACPR-12345 is not in this bank's register/);
      const [a, b] = files.map((file) => readFileSync(file ?? ''));
      assert.ok(a && b && a.equals(b), 'byte-identical');
      for (const file of files) assert.equal(statSync(file ?? '').mode & 0o777, 0o600);
      const lines = tokenLines(files[0] ?? '');
      assert.deepEqual(
        lines.map((line) => line.ordinal),
        Array.from({ length: 120 }, (_, index) => index + 1),
      );
      const [line] = lines;
      assert.ok(line);
      assert.deepEqual(Object.keys(line), [
        'ordinal',
        'psuId',
        'onlineBankingId',
        'subscription',
        'accessToken',
        'refreshToken',
        'accounts',
      ]);
      assert.deepEqual(Object.keys(line.accounts[0] ?? {}), ['iban', 'status', 'available']);
      assert.deepEqual(Object.keys(line.accounts[0]?.available ?? {}), ['amount', 'currency']);
      assert.equal(line.accounts.length, 2);
      assert.match(line.accessToken, /^[A-Za-z0-9_-]{43}$/);
      assert.match(line.accounts[0]?.available.amount ?? '', /^-?\d+\.\d\d$/);
    });

    test("a database recorded as a production bank's is refused (exit 1) unless --allow-non-sandbox", async () => {
      const bank = freshBank(engine);
      const config = loadConfig(bank.env);
      const recordedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
      const store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        schema: config.databaseSchema,
      });
      await recordBankKind(store.db, 'production', recordedAt);
      await store.close();

      const refused = await populate(bank.env, ['--customers', '5', '--seed', 'prod']);
      assert.equal(refused.code, 1);
      assert.equal(
        refused.stderr,
        `openstet: ${databaseName(bank.env)} belongs to a production bank (bank kind "production", recorded ${recordedAt.toISOString()}): a population is customers and tokens that anyone who knows the seed can derive, which only a sandbox may hold. Pass --allow-non-sandbox to populate it anyway.\n`,
      );
      const allowed = summary(
        await populate(bank.env, ['--customers', '5', '--seed', 'prod', '--allow-non-sandbox', '--json']),
      );
      assert.deepEqual([allowed.customers, allowed.accounts, allowed.replaced], [5, 5, false]);
    });

    test('with no bank kind recorded, a configuration that does not trust the sandbox CA is refused and nothing is recorded', async () => {
      const bank = freshBank(engine);
      const refused = await populate({ ...bank.env, OPENSTET_TRUST_SANDBOX_CA: 'false' }, [
        '--customers',
        '5',
        '--seed',
        'unsure',
      ]);
      assert.equal(refused.code, 1);
      assert.equal(
        refused.stderr,
        `openstet: No bank has recorded a kind in ${databaseName(bank.env)} yet, and this configuration does not trust the sandbox CA (OPENSTET_TRUST_SANDBOX_CA=false): it is a production bank's. Pass --allow-non-sandbox to populate it anyway.\n`,
      );
      const sandbox = await populate(bank.env, ['--customers', '5', '--seed', 'unsure']);
      assert.equal(sandbox.code, 0, sandbox.stderr);
      assert.match(sandbox.stdout, /^ {2}replaced {5}no: a new population$/m);
      const config = loadConfig(bank.env);
      const store = await openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        schema: config.databaseSchema,
      });
      try {
        assert.equal((await recordedBankKind(store.db))?.kind, 'sandbox');
      } finally {
        await store.close();
      }
    });

    describe("a populated customer's token at the bank: POST /stet/psd2/v1.4.2/funds-confirmations", () => {
      const bank = freshBank(engine);
      const certs = join(bank.dataDir, 'tpp');
      const tokensFile = join(bank.dataDir, 'tokens.jsonl');
      let server: RunningServer;
      let client: StetClient;
      let lines: TokenLine[] = [];
      const tokens = memoryTokenStore();

      before(async () => {
        await issueQwac(bank.env, certs);
        const run = await populate(bank.env, [
          '--customers',
          '300',
          '--accounts-per-customer',
          '2',
          '--seed',
          'funds',
          '--tpp-qwac',
          join(certs, 'qwac.pem'),
          '--tokens-out',
          tokensFile,
        ]);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stderr, '', 'the TPP is licensed and its QWAC has PSP_IC: no warning');
        lines = tokenLines(tokensFile);
        server = await startServer(loadConfig(bank.env), { log: false });
        client = createStetClient({
          apiBaseUrl: `${server.mtlsUrl}/stet/psd2`,
          authorizationServer: server.publicUrl,
          clientId: ORG_ID,
          qwac: { certificate: join(certs, 'qwac.pem'), privateKey: join(certs, 'qwac.key') },
          qseal: { certificate: join(certs, 'qseal.pem'), privateKey: join(certs, 'qseal.key') },
          ca: join(certs, 'ca.pem'),
          tokenStore: tokens,
        });
        await client.register({ redirectUris: ['https://tpp.example/callback'], clientName: 'Acme Cards' });
      });
      after(async () => {
        client?.close();
        await server?.close();
      });

      /** Asks with the customer's populated access token, as the card issuer holding it would. */
      async function ask(line: TokenLine, iban: string, amount: string) {
        await tokens.set(line.psuId, {
          accessToken: line.accessToken,
          refreshToken: line.refreshToken,
          expiresAt: Date.now() + 3_000_000,
          scope: 'cbpii',
        });
        return client.fundsConfirmation({ iban, amount, currency: 'EUR' }, { tokenKey: line.psuId });
      }

      function find(
        subscription: TokenLine['subscription'],
        covers: (status: string, available: bigint) => boolean,
      ) {
        for (const line of lines) {
          if (line.subscription !== subscription) continue;
          const account = line.accounts.find((candidate) =>
            covers(candidate.status, parseAmount(candidate.available.amount, 'EUR').minorUnits),
          );
          if (account) return { line, account };
        }
        assert.fail(`no ${subscription} customer with such an account in the population`);
      }

      test('an open account answers true up to its available amount, false one cent above', async () => {
        const { line, account } = find('active', (status, available) => status === 'open' && available > 0n);
        const available = parseAmount(account.available.amount, 'EUR');
        const above = formatAmount({ currency: 'EUR', minorUnits: available.minorUnits + 1n });
        assert.equal((await ask(line, account.iban, account.available.amount)).covered, true);
        assert.equal((await ask(line, account.iban, above)).covered, false);
      });

      test("a terminated subscription's token answers 403 IPSU", async () => {
        const { line, account } = find('terminated', () => true);
        await assert.rejects(
          ask(line, account.iban, '1.00'),
          (error) =>
            error instanceof StetError &&
            error.status === 403 &&
            error.code === 'IPSU' &&
            error.message === "The customer's online-banking subscription is terminated",
        );
      });

      test('a closed account answers 400 AC04', async () => {
        const { line, account } = find('active', (status) => status === 'closed');
        await assert.rejects(
          ask(line, account.iban, '1.00'),
          (error) =>
            error instanceof StetError &&
            error.status === 400 &&
            error.code === 'AC04' &&
            error.message === 'The account is closed',
        );
      });

      test('a blocked account answers 403 AC06', async () => {
        const { line, account } = find('active', (status) => status === 'blocked');
        await assert.rejects(
          ask(line, account.iban, '1.00'),
          (error) =>
            error instanceof StetError &&
            error.status === 403 &&
            error.code === 'AC06' &&
            error.message === 'The account is blocked',
        );
      });
    });
  });
}
