import { Command } from 'commander';
import { printJson, printTable } from '../output.ts';
import {
  accountIdOf,
  type InformationOptions,
  withInformationOptions,
  withInformationSession,
} from '../tpp/information-session.ts';

async function balances(options: InformationOptions & { readonly account: string }): Promise<void> {
  await withInformationSession(options, async (session) => {
    const account = await accountIdOf(session, options.account);
    const { balances: list, requestId } = await session.bank.balances(account, session.call);
    if (options.json) return printJson({ version: session.call.version, requestId, account, balances: list });
    printTable(
      ['TYPE', 'NAME', 'AMOUNT', 'CURRENCY', 'DATE'],
      list.map((balance) => [
        balance.type,
        balance.name,
        balance.amount,
        balance.currency,
        balance.referenceDate ?? '',
      ]),
    );
  });
}

export function tppBalancesCommand(): Command {
  return withInformationOptions(
    new Command('balances')
      .description('show the balances of an account: CLBD booked, XPCD instant (GET /accounts/{id}/balances)')
      .requiredOption('--account <id>', 'the accountResourceId `tpp accounts` shows, or the IBAN'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ npx openstet tpp balances --account FR7613807008043001965405158 --psu-ip-address 192.0.2.10
  $ npx openstet tpp balances --account 3f2a9c0d1e4b5a6c7d8e --json`,
    )
    .action(balances);
}
