import { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import {
  type InformationOptions,
  withInformationOptions,
  withInformationSession,
} from '../tpp/information-session.ts';

async function accounts(options: InformationOptions): Promise<void> {
  await withInformationSession(options, async ({ bank, call }) => {
    const { accounts: list, requestId } = await bank.accounts(call);
    if (options.json) return printJson({ version: call.version, requestId, accounts: list });
    const reads = (account: (typeof list)[number]) =>
      [account.balancesAvailable ? 'balances' : '', account.transactionsAvailable ? 'transactions' : '']
        .filter(Boolean)
        .join(', ');
    printTable(
      ['ACCOUNT', 'IBAN', 'NAME', 'CURRENCY', 'READS'],
      list.map((account) => [
        account.id,
        account.iban ?? '',
        account.name,
        account.currency ?? '',
        reads(account),
      ]),
    );
  });
}

export function tppAccountsCommand(): Command {
  return withInformationOptions(
    new Command('accounts').description(
      'list the accounts the customer made available to you (GET /accounts, signed; scope aisp)',
    ),
  )
    .addHelpText(
      'after',
      `
Log in first: \`openstet tpp login --scope aisp --persona marc\`. The ACCOUNT column is the bank's
accountResourceId, for --account (an IBAN works too).

Examples:
  $ npx openstet tpp accounts --psu-ip-address 192.0.2.10
  $ npx openstet tpp accounts --api v1 --json`,
    )
    .action(accounts);
}
