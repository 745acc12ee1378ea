import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig, type RunningServer, startServer } from '@openstet/aspsp';
import { completeSandboxPaymentApproval } from '@openstet/tpp';
import { openstet, type Run, startOpenstet } from './helpers/openstet.ts';

const MARC_5158 = 'FR7613807008043001965405158';
const MARC_5255 = 'FR7613807008043001965405255';
/** Claire Bernard, one of Marc's trusted beneficiaries. */
const CLAIRE = 'FR7620041010050001234560463';
const REQUEST_ID = /X-Request-ID [0-9a-f-]{36}/;
const RECORDED = /Payment request ([0-9a-f]{32}) recorded/;

const json = (run: Run) => JSON.parse(run.stdout);

/** What a browser does when its user proceeds past the warning about the callback's certificate. */
function followPastTheWarning(url: URL): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('openstet tpp pay and tpp payment against a real sandbox bank', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openstet-cli-pay-bank-'));
  const home = mkdtempSync(join(tmpdir(), 'openstet-cli-pay-'));
  const certs = join(home, 'tpp');
  const env = { OPENSTET_DATA_DIR: dataDir };
  let server: RunningServer;
  let bank: string[] = [];
  const tpp = (args: readonly string[]) => openstet(['tpp', ...args, ...bank], env);
  const pay = (amount: string, more: readonly string[] = []) =>
    tpp(['pay', '--to', CLAIRE, '--to-name', 'Claire Bernard', '--amount', amount, ...more]);

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
    const issued = await openstet(
      [
        'certs',
        'tpp',
        '--org-id',
        'PSDFR-ACPR-12345',
        '--name',
        'Acme Pay',
        '--roles',
        'PSP_PI',
        '--out',
        certs,
      ],
      env,
    );
    assert.equal(issued.code, 0, issued.stderr);
    // The bank checks the TPP's signatures with the QSealC it registered.
    const registered = await tpp(['register']);
    assert.equal(registered.code, 0, registered.stderr);
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  test('tpp pay --help and tpp payment --help list the options, the exit codes and examples', async () => {
    const [payHelp, paymentHelp, tppHelp] = await Promise.all([
      openstet(['tpp', 'pay', '--help'], env),
      openstet(['tpp', 'payment', '--help'], env),
      openstet(['tpp', '--help'], env),
    ]);
    for (const run of [payHelp, paymentHelp, tppHelp]) assert.equal(run.code, 0, run.stderr);
    for (const word of [
      '--from',
      '--to',
      '--to-name',
      '--amount',
      '--instant',
      '--date',
      '--persona',
      '--api-version',
      '--version',
      '--o-confirmation',
      'Exit code',
      'Examples:',
    ])
      assert.ok(payHelp.stdout.includes(word), `pay --help mentions ${word}`);
    for (const word of ['show', 'confirm', 'cancel', 'Examples:'])
      assert.ok(paymentHelp.stdout.includes(word), word);
    assert.match(tppHelp.stdout, /pay /);
  });

  test('pay --persona marc: Marc approves on the sandbox pages, the payment is confirmed (ACSP), exit 0', async () => {
    const run = await pay('50.00', ['--from', MARC_5158, '--remittance', 'Garde mai', '--persona', 'marc']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, RECORDED);
    assert.match(run.stdout, /Approved by the customer, and confirmed:/);
    assert.match(run.stdout, /: ACSP — confirmed: executing/);
    assert.match(
      run.stdout,
      new RegExp(`^ {2}50\\.00 EUR to Claire Bernard ${CLAIRE} from ${MARC_5158} {2}\\[ACSP\\]$`, 'm'),
    );
  });

  test('pay --instant --version v1 --json: settled at confirmation (ACSC); the progress goes to stderr, one JSON document to stdout', async () => {
    const run = await pay('5.00', [
      '--from',
      MARC_5255,
      '--instant',
      '--persona',
      'marc',
      '--version',
      'v1',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, RECORDED);
    const shown = json(run);
    assert.deepEqual(
      [shown.status, shown.debtorIban, shown.notApproved, shown.instructions[0].status],
      ['ACSC', MARC_5255, null, 'ACSC'],
    );
    assert.match(shown.location, new RegExp(`/stet/psd2/v1/payment-requests/${shown.id}$`));
    assert.equal(shown.answer.paymentRequest.paymentTypeInformation.localInstrument, 'INST');
  });

  test('pay --o-confirmation: the code at the https callback, exchanged, confirms through POST …/o-confirmation', async () => {
    const run = await pay('3.00', ['--from', MARC_5158, '--persona', 'marc', '--o-confirmation', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json(run).status, 'ACSP');
  });

  test('payment show and confirm: a second confirmation is refused with the code, the message and the X-Request-ID (exit 1)', async () => {
    const paid = json(await pay('4.00', ['--from', MARC_5158, '--persona', 'marc', '--json']));
    const [shown, again, unknown] = await Promise.all([
      tpp(['payment', 'show', paid.id]),
      tpp(['payment', 'confirm', paid.id]),
      tpp(['payment', 'show', '0123456789abcdef0123456789abcdef', '--json']),
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^Payment request ${paid.id}: ACSP`, 'm'));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^openstet: the bank answered 409 CONFLICT: .+/);
    assert.match(again.stderr, REQUEST_ID);
    assert.equal(unknown.code, 1);
    assert.equal(json(unknown).error.code, 'NOT_FOUND');
  });

  test('pay without a persona prints the approval URL; the browser comes back to the https callback (past its warning), then the payment is confirmed', async () => {
    const child = startOpenstet(
      [
        'tpp',
        'pay',
        '--to',
        CLAIRE,
        '--to-name',
        'Claire Bernard',
        '--amount',
        '6.00',
        '--no-open',
        '--json',
        ...bank,
      ],
      env,
    );
    const [approvalUrl = ''] = await child.waitForStderr(/https:\/\/\S+\/payment-approval\/\S+/);
    const back = await completeSandboxPaymentApproval({
      approvalUrl,
      onlineBankingId: 'D0999990I0',
      debtorIban: MARC_5255,
      ca: readFileSync(join(certs, 'ca.pem'), 'utf8'),
    }).catch((error: unknown) => error);
    assert.ok(back instanceof URL, String(back));
    assert.equal(back.protocol, 'https:');
    assert.equal(back.hostname, '127.0.0.1');
    const landing = await followPastTheWarning(back);
    assert.equal(landing.status, 200);
    assert.match(landing.body, /Payment approved/);
    const run = await child.done();
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual([json(run).status, json(run).debtorIban], ['ACSP', MARC_5255]);
  });

  test('pay waits; a cancellation (payment cancel) meanwhile is RJCT / DS02, which the waiting pay sees by reading the status (exit 1)', async () => {
    const child = startOpenstet(
      [
        'tpp',
        'pay',
        '--to',
        CLAIRE,
        '--to-name',
        'Claire Bernard',
        '--amount',
        '8.00',
        '--no-open',
        '--json',
        ...bank,
      ],
      env,
    );
    const [, id = ''] = await child.waitForStderr(RECORDED);
    const cancelled = await tpp(['payment', 'cancel', id]);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(
      cancelled.stdout,
      new RegExp(`^Payment request ${id}: RJCT \\(DS02: cancelled by the initiator\\)`, 'm'),
    );
    const run = await child.done();
    assert.equal(run.code, 1);
    const shown = json(run);
    assert.deepEqual(
      [shown.status, shown.reason, shown.notApproved],
      ['RJCT', 'DS02', 'the request is RJCT'],
    );
  });

  test('usage errors exit 2 and say what to fix', async () => {
    const cases: [readonly string[], RegExp][] = [
      [['--end-date', '2026-12-31'], /--end-date ends a standing order: give --frequency/],
      [['--frequency', 'FORTNIGHT'], /--frequency "FORTNIGHT": use DAIL, WEEK/],
      [['--password', 'x'], /--password is a --persona's password/],
      [['--o-confirmation', '--api-version', 'v1', '--persona', 'marc'], /--o-confirmation is STET 1\.4\.2/],
      [['--instant', '--date', '2026-12-31'], /--instant pays now/],
      [['--api-version', 'v1', '--version', 'v1.4.2'], /--api-version v1 and --version v1\.4\.2 differ/],
    ];
    const [amount, ...runs] = await Promise.all([
      pay('1.001'),
      ...cases.map(([flags]) => pay('1.00', flags)),
    ]);
    cases.forEach(([flags, message], index) => {
      const run = runs[index];
      assert.equal(run?.code, 2, `${flags.join(' ')}: ${run?.stderr}`);
      assert.match(run?.stderr ?? '', message);
    });
    assert.equal(amount?.code, 2);
    assert.match(amount?.stderr ?? '', /--amount "1\.001"/);
  });

  test("the bank's refusals exit 1 with its code: an IBAN whose check digits are wrong", async () => {
    const run = await tpp([
      'pay',
      '--to',
      'FR7620041010050001234560464',
      '--to-name',
      'Claire Bernard',
      '--amount',
      '1.00',
      '--persona',
      'marc',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^openstet: the bank answered 400 AC01: .*creditorAccount/m);
  });
});
