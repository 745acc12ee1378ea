import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { openstet } from './helpers/openstet.ts';

/** The answer as the table prints it: a text, or a pattern where it moves with today (the history's start). */
type Row = readonly [version: string, name: string, answer: string | RegExp];

/** Every case the demo runs, in order, with the answer the seed (or the README, or ADR 0006) says the bank gives. */
const EXPECTED: readonly Row[] = [
  ...(['v1', 'v1.4.2'] as const).flatMap((version): Row[] => [
    [version, 'standard: payment covered', 'covered'],
    [version, 'limit: insufficient funds', 'not covered'],
    [version, 'GET method', '405 NIMP'],
    [version, 'IBAN absent or wrong', '400 AC01'],
    [version, 'amount/currency structure absent', '400 FF01'],
    [version, 'amount absent', '400 FF01'],
    [version, 'currency absent', '400 FF01'],
    [version, 'payment request id absent', '400 FF01'],
  ]),
  ['v1', 'accounts Marc ticked', '…5158, …5255'],
  ['v1.4.2', 'accounts Marc ticked', '…5158, …5255'],
  ['v1.4.2', 'balances', 'CLBD 4348.95, XPCD 4179.00'],
  ['v1.4.2', 'XPCD is the funds check balance', 'covered, not covered'],
  ['v1.4.2', 'transactions: first page', '50, newest first, next link'],
  ['v1.4.2', 'transactions: next page', '50 older, none repeated'],
  ['v1.4.2', 'transactions: 13 months', /every entry once, to \d{4}-\d{2}/],
  ['v1.4.2', 'beneficiaries before PUT /consents', '403 NGAC'],
  ['v1.4.2', 'PUT /consents: narrowing', '…5158 balances only'],
  ['v1.4.2', 'trusted beneficiaries', '4 beneficiaries'],
  ['v1.4.2', 'end-user identity', 'Marc Dubois'],
  ['v1', 'connected PSU', 'Dubois Marc'],
  ['v1.4.2', 'transactions narrowed out', '403 NGAC'],
  ['v1.4.2', 'unattended reads: 4 a day', '429 TMRQ'],
  ['v1.4.2', 'limit: exactly the instant balance', 'covered'],
  ['v1.4.2', 'account not in the consent', '403 NGAC'],
  ['v1.4.2', "currency not the account's", '400 AM03'],
  ['v1', 'piisp token after the cbpii login', '401 TOKEN_INVALID'],
  ['v1', 'piisp refresh after the cbpii login', '400 invalid_grant'],
  ['v1.4.2', 'token revoked', '401 TOKEN_INVALID'],
  ['v1.4.2', 'before: funds check of XPCD', 'covered'],
  ['v1.4.2', 'payment request', '201 RCVD'],
  ['v1.4.2', 'Marc approves', 'ACTC'],
  ['v1.4.2', 'confirmation', 'ACSP'],
  ['v1.4.2', 'second confirmation', '409 CONFLICT'],
  ['v1.4.2', 'after: the threshold moved by 50', 'not covered, covered'],
  ['v1.4.2', 'balances after', 'XPCD 50.00 lower'],
  ['v1.4.2', 'transactions after', 'PDNG -50.00'],
  ['v1', 'cancellation before approval', 'RJCT DS02'],
];

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const pattern = (answer: string | RegExp) => (typeof answer === 'string' ? escaped(answer) : answer.source);

/** A statement line under a transactions case: date, status, signed amount, currency, label. */
const TRANSACTION_LINE = /^ {13}\d{4}-\d{2}-\d{2} {2}(BOOK|PDNG) +[+-]\d+\.\d{2} EUR {2}\S.*$/gm;

test('openstet demo runs the whole journey on a temporary sandbox (funds, account information, then a payment), shows every case, exits 0 and cleans up', async () => {
  const env = { OPENSTET_DATA_DIR: '' };
  const [text, json] = await Promise.all([openstet(['demo'], env), openstet(['demo', '--json'], env)]);

  assert.equal(text.code, 0, `${text.stdout}\n${text.stderr}`);
  assert.ok(!text.stdout.includes('\u001b['), 'no colour or cursor moves when stdout is not a terminal');
  for (const step of [
    /✔ start the sandbox bank in this process .*: https:\/\/localhost:\d+ \(public\), https:\/\/localhost:\d+ \(mTLS\)/,
    /✔ issue a QWAC and a QSealC for PSDFR-ACPR-12345 Acme Cards/,
    /✔ register http:\/\/127\.0\.0\.1:\d+\/callback and the QSealC/,
    /✔ Marc \(D0999990I0\) logs in for piisp/,
    /✔ the seed's acceptance cases on STET 1\.4\.0\.47 \(\/v1, piisp token\): 8\/8 as expected/,
    /✔ Marc \(D0999990I0\) logs in for cbpii/,
    /✔ the seed's acceptance cases on STET 1\.4\.2 \(\/v1\.4\.2, cbpii token\): 8\/8 as expected/,
    /✔ Marc \(D0999990I0\) logs in for aisp extended_transaction_history: .*aisp extended_transaction_history tokens/,
    /✔ account information \(aisp token, Marc there: PSU-IP-Address\): .*: 7\/7 as expected/,
    /✔ PUT \/consents narrowing to …5158 balances, beneficiaries, identity; refusals: 7\/7 as expected/,
    /✔ more answers: .*: 6\/6 as expected/,
    /✔ payment initiation \(client credentials, pisp\): Marc pays 50 EUR from …5158; .*: 9\/9 as expected/,
  ])
    assert.match(text.stdout, step);
  for (const [version, name, answer] of EXPECTED) {
    const row = new RegExp(
      `^✔  ${escaped(version)} +${escaped(name)} +.+ ${pattern(answer)} +${pattern(answer)}$`,
      'm',
    );
    assert.match(text.stdout, row, `${version} ${name}`);
  }
  assert.match(text.stdout, /↳ The customer did not consent this account to you/);
  assert.match(text.stdout, /↳ POST \/funds-confirmations \(cbpii token\): 4179\.00 and 4179\.01 EUR/);
  assert.match(text.stdout, /^ {13}XPCD {2}4179\.00 EUR {2}Solde instantané$/m);
  assert.equal(
    text.stdout.match(TRANSACTION_LINE)?.length,
    7,
    "three lines of the first page, three of the next, and the payment's debit",
  );
  // Marc's 50 EUR: the funds check's threshold moves by 50, the debit is pending on …5158.
  assert.match(text.stdout, /↳ POST \/funds-confirmations \(cbpii token\): 4179\.00 and 4129\.00 EUR/);
  assert.match(text.stdout, /↳ XPCD 4179\.00 → 4129\.00 EUR/);
  assert.match(
    text.stdout,
    /^ {13}\d{4}-\d{2}-\d{2} {2}PDNG {5}-50\.00 EUR {2}VIR SEPA Claire Bernard Garde mai$/m,
  );
  const walk = /↳ (\d+) pages, (\d+) entries, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/.exec(text.stdout);
  const [pages, entries] = [Number(walk?.[1]), Number(walk?.[2])];
  assert.ok(
    pages > 3 && entries > (pages - 1) * 50 && entries <= pages * 50,
    `${pages} pages of 50, ${entries} entries`,
  );
  for (const name of ['SCI Les Tilleuls', 'Sophie Dubois', 'Marc Dubois Livret', 'Claire Bernard'])
    assert.match(text.stdout, new RegExp(`^ {13}${name} +FR76\\d{23}`, 'm'), name);
  assert.match(
    text.stdout,
    /↳ 4 reads without PSU-IP-Address answered, the 5th refused with Retry-After \d+ s: /,
  );
  assert.match(text.stdout, /Every case got its expected answer \(45\/45\)\./);
  const dataDir = /data directory (\S+) \(temporary, removed at the end\)/.exec(text.stdout)?.[1];
  assert.ok(dataDir && !existsSync(dataDir), 'the temporary data directory is removed');

  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as {
    ok: boolean;
    cases: {
      version: string;
      name: string;
      expected: string;
      answer: string;
      ok: boolean;
      details?: string[];
    }[];
  };
  assert.equal(report.ok, true);
  assert.deepEqual(
    report.cases.map((row) => [row.version, row.name, row.expected === row.answer, row.ok]),
    EXPECTED.map(([version, name]) => [version, name, true, true]),
  );
  report.cases.forEach((row, index) => {
    const answer = EXPECTED[index]?.[2] ?? '';
    if (typeof answer === 'string') assert.equal(row.answer, answer, row.name);
    else assert.match(row.answer, answer, row.name);
  });
  const details = (name: string) => report.cases.find((row) => row.name === name)?.details ?? [];
  assert.equal(details('transactions: first page').length, 3);
  assert.deepEqual(
    details('trusted beneficiaries').map((line) => line.split(/ {2,}/)[0]),
    ['SCI Les Tilleuls', 'Sophie Dubois', 'Marc Dubois Livret', 'Claire Bernard'],
  );
});
