import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { openstet } from './helpers/openstet.ts';

type Row = readonly [version: string, name: string, answer: string];

/** Every case the demo runs, with the answer the seed (or the README) says the bank gives. */
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
  ['v1.4.2', 'limit: exactly the instant balance', 'covered'],
  ['v1.4.2', 'account not in the consent', '403 NGAC'],
  ['v1.4.2', "currency not the account's", '400 AM03'],
  ['v1', 'piisp token after the cbpii login', '401 TOKEN_INVALID'],
  ['v1', 'piisp refresh after the cbpii login', '400 invalid_grant'],
  ['v1.4.2', 'token revoked', '401 TOKEN_INVALID'],
];

test('openstet demo runs the whole journey on a temporary sandbox, shows every case, exits 0 and cleans up', async () => {
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
    /✔ more answers: .*: 6\/6 as expected/,
  ])
    assert.match(text.stdout, step);
  for (const [version, name, answer] of EXPECTED) {
    const row = new RegExp(`^✔  ${version.replace('.', '\\.')} +${name} +.+ ${answer} +${answer}$`, 'm');
    assert.match(text.stdout, row, `${version} ${name}`);
  }
  assert.match(text.stdout, /↳ The customer did not consent this account to you/);
  assert.match(text.stdout, /Every case got its expected answer \(22\/22\)\./);
  const dataDir = /data directory (\S+) \(temporary, removed at the end\)/.exec(text.stdout)?.[1];
  assert.ok(dataDir && !existsSync(dataDir), 'the temporary data directory is removed');

  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as {
    ok: boolean;
    cases: { version: string; name: string; expected: string; answer: string; ok: boolean }[];
  };
  assert.equal(report.ok, true);
  assert.deepEqual(
    report.cases.map((row) => [row.version, row.name, row.expected, row.answer, row.ok]),
    EXPECTED.map(([version, name, answer]) => [version, name, answer, answer, true]),
  );
});
