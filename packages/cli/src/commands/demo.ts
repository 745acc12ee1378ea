import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { DEMO_TPP, type DemoBank, startDemoBank } from '../demo/demo-bank.ts';
import { runJourney } from '../demo/journey.ts';
import { createProgress } from '../demo/progress.ts';
import { type CaseResult, renderTable } from '../demo/report.ts';
import { EXIT } from '../exit-codes.ts';
import { isInteractive, type Paint, paintFor, printJson } from '../output.ts';

function printReport(results: readonly CaseResult[], paint: Paint): void {
  const failed = results.filter((result) => !result.ok).length;
  process.stdout.write(
    `\n${renderTable(results, paint)}\n${
      failed === 0
        ? paint.green(`Every case got its expected answer (${results.length}/${results.length}).`)
        : paint.red(`${failed} of ${results.length} cases did not get the expected answer.`)
    }\n`,
  );
}

async function demo(options: { readonly json?: boolean }): Promise<void> {
  const chosen = process.env.OPENSTET_DATA_DIR;
  const dataDir = chosen ? resolve(chosen) : mkdtempSync(join(tmpdir(), 'openstet-demo-'));
  const paint = paintFor(process.stdout);
  const progress = createProgress(options.json ? 'silent' : isInteractive(process.stdout) ? 'tty' : 'plain');
  if (!options.json)
    process.stdout.write(
      `${paint.bold('openstet demo')}: a TPP (${DEMO_TPP.organizationName}: card issuer, account information, payment initiation) and the sandbox bank, end to end\n` +
        `data directory ${dataDir}${chosen ? '' : ' (temporary, removed at the end)'}\n\n`,
    );
  let bank: DemoBank | undefined;
  const cleanup = async () => {
    progress.stop();
    await bank?.server.close();
    if (!chosen) rmSync(dataDir, { recursive: true, force: true });
  };
  // Ctrl+C: stop the bank and remove the temporary directory rather than leave them behind.
  const interrupted = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    bank = await progress.step(
      'start the sandbox bank in this process (embedded database, test PKI, free ports)',
      () => startDemoBank(dataDir),
      (started) => `${started.server.publicUrl} (public), ${started.server.mtlsUrl} (mTLS)`,
    );
    const results = await runJourney(bank, progress);
    const ok = results.every((result) => result.ok);
    if (!ok) process.exitCode = EXIT.failure;
    if (options.json) printJson({ ok, cases: results });
    else printReport(results, paint);
  } finally {
    process.removeListener('SIGINT', interrupted);
    await cleanup();
  }
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      "the whole journey on a fresh sandbox: bank, TPP certificates and licence, registration, Marc's SCA and consent, the seed's acceptance cases on STET v1 and v1.4.2, account information (accounts, balances, transactions, PUT /consents, beneficiaries, identity), refusals, then a payment (Marc pays 50 EUR: the funds check, balances and transactions see it)",
    )
    .option('--json', 'print the cases and answers as JSON (no progress)')
    .addHelpText(
      'after',
      `
Runs the bank in this process on free ports, on a temporary data directory (or OPENSTET_DATA_DIR when
set; no running server may hold it), with the embedded database. Exit code 0 when every case got its
expected answer, 1 otherwise. Marc's payment is for good: on a data directory kept from an earlier run,
his first account holds 50 EUR less per run, and the seed's limit cases answer accordingly.

Examples:
  $ npx openstet demo
  $ npx openstet demo --json | jq '.cases[] | select(.ok | not)'`,
    )
    .action(demo);
}
