import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { completeSandboxSca, encryptedFileTokenStore, type StoredTokens } from '@openstet/tpp';
import { freePort, openstet, type Run, startOpenstet } from './helpers/openstet.ts';

const MARC_5158 = 'FR7613807008043001965405158';
const MARC_5255 = 'FR7613807008043001965405255';
const MARC_5352 = 'FR7613807008043001965405352';
const REQUEST_ID = /X-Request-ID [0-9a-f-]{36}/;

const json = (run: Run) => JSON.parse(run.stdout);

describe('openstet tpp against a real sandbox bank', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-cli-tpp-bank-'));
  const home = mkdtempSync(join(tmpdir(), 'openstet-cli-tpp-'));
  const certs = join(home, 'tpp');
  const env = { OPENSTET_DATA_DIR: dataDir };
  let server: RunningServer;
  let bank: string[] = [];
  let ports: number[] = [];
  const redirect = (port: number) => `http://127.0.0.1:${port}/callback`;
  const tpp = (args: readonly string[]) => openstet(['tpp', ...args, ...bank], env);
  const stored = (): Promise<StoredTokens | undefined> =>
    encryptedFileTokenStore(
      join(certs, 'tokens.enc'),
      readFileSync(join(certs, 'token.secret'), 'utf8').trim(),
    ).get('cbpii');

  before(async () => {
    server = await startServer(
      loadConfig({ ...env, OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0', DATABASE_URL: '' }),
      { log: false },
    );
    bank = [
      '--certs',
      certs,
      '--authorization-server',
      server.publicUrl,
      '--api',
      `${server.mtlsUrl}/stet/psd2`,
    ];
    ports = await Promise.all([freePort(), freePort(), freePort()]);
    const issued = await openstet(
      [
        'certs',
        'tpp',
        '--org-id',
        'PSDFR-ACPR-12345',
        '--name',
        'Acme Cards',
        '--roles',
        'PSP_IC,PSP_AI',
        '--out',
        certs,
      ],
      env,
    );
    assert.equal(issued.code, 0, issued.stderr);
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  test('tpp --help and each command --help list the commands, the options and examples', async () => {
    const [tppHelp, fundsHelp, loginHelp] = await Promise.all([
      openstet(['tpp', '--help'], env),
      openstet(['tpp', 'funds-check', '--help'], env),
      openstet(['tpp', 'login', '--help'], env),
    ]);
    for (const run of [tppHelp, fundsHelp, loginHelp]) assert.equal(run.code, 0, run.stderr);
    for (const word of [
      'register',
      'login',
      'funds-check',
      'accounts',
      'balances',
      'transactions',
      'token',
      'Examples:',
      'Exit codes',
    ])
      assert.ok(tppHelp.stdout.includes(word), `tpp --help mentions ${word}`);
    for (const word of [
      '--iban',
      '--amount',
      '--currency',
      '--api-version',
      '--certs',
      '--bank-seal',
      '--json',
    ])
      assert.ok(fundsHelp.stdout.includes(word), `funds-check --help mentions ${word}`);
    assert.match(loginHelp.stdout, /--persona <name\|id>/);
    assert.match(loginHelp.stdout, /tpp register --redirect-uri http:\/\/127\.0\.0\.1:8765\/callback/);
  });

  test('register: the redirect URIs and the QSealC, client_id read from the QWAC', async () => {
    const run = await tpp([
      'register',
      ...ports.flatMap((port) => ['--redirect-uri', redirect(port)]),
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const answer = json(run);
    assert.equal(answer.client_id, 'PSDFR-ACPR-12345');
    assert.deepEqual(answer.redirect_uris, ports.map(redirect));
  });

  test('login --persona marc: SCA over plain form posts, the code through the loopback callback, tokens kept encrypted', async () => {
    const port = ports[0] ?? 0;
    const run = await tpp([
      'login',
      '--persona',
      'marc',
      '--port',
      String(port),
      '--accounts',
      `${MARC_5158},${MARC_5255}`,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const shown = json(run);
    const tokens = await stored();
    assert.ok(tokens?.refreshToken);
    assert.deepEqual(shown, {
      key: 'cbpii',
      scope: 'cbpii',
      accessToken: `${tokens.accessToken.slice(0, 6)}…`,
      expiresAt: new Date(tokens.expiresAt).toISOString(),
      expired: false,
      refreshToken: `${tokens.refreshToken.slice(0, 6)}…`,
      redirectUri: redirect(port),
    });
    assert.ok(!run.stdout.includes(tokens.accessToken), 'never a whole token on screen');
    for (const file of ['tokens.enc', 'token.secret'])
      assert.equal(statSync(join(certs, file)).mode & 0o777, 0o600, `${file} is readable by its owner only`);
    assert.ok(!readFileSync(join(certs, 'tokens.enc')).includes(tokens.accessToken), 'tokens are encrypted');
  });

  test('login without a persona: prints the URL, the browser comes back to the callback, which checks the state', async () => {
    const [good, forged] = [ports[1] ?? 0, ports[2] ?? 0].map((port) =>
      startOpenstet(['tpp', 'login', '--port', String(port), '--no-open', '--json', ...bank], env),
    );
    assert.ok(good && forged);
    const url = /https:\/\/\S+\/authorize\?\S+/;
    // The customer's browser: the bank's pages, then the redirect to the TPP's callback.
    const [goodUrl] = await good.waitForStderr(url);
    const back = await completeSandboxSca({
      authorizationUrl: goodUrl,
      onlineBankingId: 'D0999990I0',
      accounts: [MARC_5158, MARC_5255],
      ca: readFileSync(join(certs, 'ca.pem'), 'utf8'),
    });
    const page = await fetch(back);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /You can close this tab/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const done = await good.done();
    assert.equal(done.code, 0, done.stderr);
    assert.equal(json(done).scope, 'cbpii');

    const [forgedUrl] = await forged.waitForStderr(url);
    const state = new URL(forgedUrl).searchParams.get('state');
    const attack = await fetch(`${redirect(ports[2] ?? 0)}?code=stolen&state=${state}x`);
    assert.equal(attack.status, 400);
    const refused = await forged.done();
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /does not carry the state of this login/);
  });

  test('funds-check: covered (exit 0), not covered (exit 1), refused with the code, the message and the X-Request-ID (exit 1)', async () => {
    const check = (iban: string, amount: string, ...more: string[]) =>
      tpp(['funds-check', '--iban', iban, '--amount', amount, '--currency', 'EUR', ...more]);
    const [covered, coveredV1, notCovered, ngac, ngacJson] = await Promise.all([
      check(MARC_5255, '458.99'),
      check(MARC_5255, '458.99', '--api-version', 'v1', '--json'),
      check(MARC_5158, '4179.01', '--json'),
      check(MARC_5352, '1.00'),
      check(MARC_5352, '1.00', '--json'),
    ]);
    assert.equal(covered.code, 0, covered.stderr);
    assert.equal(covered.stdout, `covered: ${MARC_5255} can pay 458.99 EUR (STET v1.4.2)\n`);
    assert.equal(coveredV1.code, 0, coveredV1.stderr);
    assert.deepEqual([json(coveredV1).covered, json(coveredV1).version], [true, 'v1']);
    assert.match(json(coveredV1).requestId, /^[0-9a-f-]{36}$/);
    assert.equal(notCovered.code, 1, notCovered.stderr);
    assert.deepEqual(
      [json(notCovered).covered, json(notCovered).amount, json(notCovered).answer.result],
      [false, '4179.01', false],
    );
    assert.equal(ngac.code, 1);
    assert.match(ngac.stderr, /the bank answered 403 NGAC: The customer did not consent this account to you/);
    assert.match(ngac.stderr, REQUEST_ID);
    assert.equal(ngacJson.code, 1);
    const { error } = json(ngacJson);
    assert.deepEqual([error.status, error.code], [403, 'NGAC']);
    assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  });

  test('token show, refresh, revoke: never a whole token; after revoke the bank forgets the pair', async () => {
    const before = await stored();
    assert.ok(before?.refreshToken);
    const show = await tpp(['token', 'show']);
    assert.equal(show.code, 0, show.stderr);
    assert.match(
      show.stdout,
      // Minutes left of the 60: the suite may have run for a while since the login.
      new RegExp(
        `cbpii +scope cbpii +access ${before.accessToken.slice(0, 6)}… +expires .*\\(in (5\\d|60) min\\)`,
      ),
    );
    assert.ok(!show.stdout.includes(before.accessToken) && !show.stdout.includes(before.refreshToken));

    const refresh = await tpp(['token', 'refresh', '--json']);
    assert.equal(refresh.code, 0, refresh.stderr);
    const renewed = await stored();
    assert.notEqual(renewed?.accessToken, before.accessToken);
    assert.equal(
      renewed?.refreshToken,
      before.refreshToken,
      'the refresh token stays (180 days from the SCA)',
    );
    assert.equal(json(refresh).accessToken, `${renewed?.accessToken.slice(0, 6)}…`);

    const revoke = await tpp(['token', 'revoke']);
    assert.equal(revoke.code, 0, revoke.stderr);
    assert.match(revoke.stdout, /Revoked the cbpii token pair at the bank/);
    assert.equal(await stored(), undefined);
    const [empty, emptyJson, check] = await Promise.all([
      tpp(['token', 'show']),
      tpp(['token', 'show', '--json']),
      tpp(['funds-check', '--iban', MARC_5255, '--amount', '1']),
    ]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no tokens in .*tokens\.enc: run `openstet tpp login`/);
    assert.deepEqual([emptyJson.code, json(emptyJson)], [1, []]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /No cbpii or piisp tokens in .*: run `openstet tpp login`/);
  });

  test('AISP: login --scope aisp, then accounts, balances and transactions as tables or --json', async () => {
    const login = await tpp([
      'login',
      '--scope',
      'aisp extended_transaction_history',
      '--persona',
      'marc',
      '--port',
      String(ports[0] ?? 0),
      '--accounts',
      `${MARC_5158},${MARC_5255}`,
      '--json',
    ]);
    assert.equal(login.code, 0, login.stderr);
    assert.equal(json(login).key, 'aisp');
    const attended = ['--psu-ip-address', '192.0.2.10'];
    const [table, listed, balances, transactions, notMade] = await Promise.all([
      tpp(['accounts', ...attended]),
      tpp(['accounts', '--api-version', 'v1', '--json', ...attended]),
      tpp(['balances', '--account', MARC_5158, '--json', ...attended]),
      tpp([
        'transactions',
        '--account',
        MARC_5158,
        '--from',
        '2000-01-01',
        '--pages',
        '2',
        '--json',
        ...attended,
      ]),
      tpp(['balances', '--account', MARC_5352, ...attended]),
    ]);
    for (const run of [table, listed, balances, transactions]) assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    assert.match(header ?? '', /^ACCOUNT +IBAN +NAME +CURRENCY +READS$/);
    assert.deepEqual(
      rows.map((row) => row.split(/ {2,}/).slice(1, 4)),
      [
        [MARC_5158, 'Compte à vue', 'EUR'],
        [MARC_5255, 'Compte à vue', 'EUR'],
      ],
    );
    assert.deepEqual(
      json(listed).accounts.map((account: { iban: string }) => account.iban),
      [MARC_5158, MARC_5255],
    );
    assert.deepEqual(
      json(balances).balances.map((balance: { type: string; amount: string }) => [
        balance.type,
        Number(balance.amount).toFixed(2),
      ]),
      [
        ['CLBD', '4348.95'],
        ['XPCD', '4179.00'],
      ],
    );
    const read = json(transactions);
    assert.equal(read.pages, 2);
    assert.equal(read.transactions.length, 100, 'two pages of 50 of the 13 months');
    assert.equal(read.more, true);
    assert.equal(notMade.code, 2, `an account Marc did not tick is a usage error, named: ${notMade.stderr}`);
    assert.match(notMade.stderr, /FR7613807008043001965405352 is not among the accounts/);
  });

  test('--persona is refused (exit 2) where the metadata does not say "openstet_sandbox": true', async () => {
    const fake: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ issuer: 'https://bank.example', openstet_sandbox: false }));
    });
    fake.listen(0, '127.0.0.1');
    await once(fake, 'listening');
    const realBank = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      const run = await openstet(
        ['tpp', 'login', '--persona', 'marc', '--certs', certs, '--authorization-server', realBank],
        env,
      );
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /--persona works only against an openstet sandbox, and http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server does not say "openstet_sandbox": true/,
      );
    } finally {
      fake.close();
    }
  });

  test('usage errors exit 2 and say what to fix', async () => {
    const [persona, amount, noCerts] = await Promise.all([
      tpp(['login', '--persona', 'bob']),
      tpp(['funds-check', '--iban', MARC_5255, '--amount', '12,50']),
      openstet(['tpp', 'token', 'show', '--certs', join(home, 'nowhere')], env),
    ]);
    assert.equal(persona.code, 2);
    assert.match(persona.stderr, /--persona "bob" is neither a persona \(marc, marie, thomas/);
    assert.equal(amount.code, 2);
    assert.match(amount.stderr, /--amount "12,50": amount must be a decimal number/);
    assert.equal(noCerts.code, 2);
    assert.match(
      noCerts.stderr,
      /no qwac\.pem in .*nowhere: issue test certificates with `openstet certs tpp/,
    );
  });
});
