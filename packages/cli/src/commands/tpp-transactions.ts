import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { isoDate } from '../options.ts';
import { printJson, printTable } from '../output.ts';
import {
  accountIdOf,
  type InformationOptions,
  withInformationOptions,
  withInformationSession,
} from '../tpp/information-session.ts';

interface TransactionsOptions extends InformationOptions {
  readonly account: string;
  readonly from?: string;
  readonly to?: string;
  readonly pages: number;
}

function pageCount(value: string): number {
  const pages = Number(value);
  if (!Number.isInteger(pages) || pages < 1)
    throw new UsageError(`--pages "${value}": a whole number, 1 or more`);
  return pages;
}

async function transactions(options: TransactionsOptions): Promise<void> {
  await withInformationSession(options, async (session) => {
    const account = await accountIdOf(session, options.account);
    const filter = {
      ...(options.from ? { dateFrom: options.from } : {}),
      ...(options.to ? { dateTo: options.to } : {}),
    };
    const entries = [];
    let more = false;
    let pages = 0;
    for await (const page of session.bank.transactionPages(account, filter, session.call)) {
      entries.push(...page.transactions);
      pages += 1;
      more = page.hasNext;
      if (pages >= options.pages) break;
    }
    if (options.json)
      return printJson({ version: session.call.version, account, pages, more, transactions: entries });
    printTable(
      ['DATE', 'STATUS', 'AMOUNT', 'CURRENCY', 'LABEL'],
      entries.map((entry) => [
        entry.date ?? '',
        entry.status,
        `${entry.creditDebit === 'DBIT' ? '-' : ''}${entry.amount}`,
        entry.currency,
        entry.label,
      ]),
    );
    if (more)
      process.stderr.write(`(${pages} page(s) shown; more with --pages ${pages + 1} or a narrower --from)\n`);
  });
}

export function tppTransactionsCommand(): Command {
  return withInformationOptions(
    new Command('transactions')
      .description(
        'list the transactions of an account, newest first (GET /accounts/{id}/transactions, paged)',
      )
      .requiredOption('--account <id>', 'the accountResourceId `tpp accounts` shows, or the IBAN')
      .option('--from <date>', 'dateFrom, inclusive (default: 90 days back)', isoDate('--from'))
      .option('--to <date>', 'dateTo, exclusive', isoDate('--to'))
      .option('--pages <n>', 'how many pages of 50 to read at most', pageCount, 1),
  )
    .addHelpText(
      'after',
      `
Without the extended_transaction_history scope the bank gives at most 90 days: log in with
--scope "aisp extended_transaction_history" for the 13 months of the sandbox.

Examples:
  $ npx openstet tpp transactions --account FR7613807008043001965405158 --from 2026-11-01 --psu-ip-address 192.0.2.10
  $ npx openstet tpp transactions --account FR7613807008043001965405158 --pages 3 --json`,
    )
    .action(transactions);
}
