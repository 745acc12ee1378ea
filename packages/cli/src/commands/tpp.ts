import { Command } from 'commander';
import { tppAccountsCommand } from './tpp-accounts.ts';
import { tppBalancesCommand } from './tpp-balances.ts';
import { tppFundsCheckCommand } from './tpp-funds-check.ts';
import { tppLoginCommand } from './tpp-login.ts';
import { tppPayCommand } from './tpp-pay.ts';
import { tppPaymentCommand } from './tpp-payment.ts';
import { tppRegisterCommand } from './tpp-register.ts';
import { tppTokenCommand } from './tpp-token.ts';
import { tppTransactionsCommand } from './tpp-transactions.ts';

export function tppCommand(): Command {
  return new Command('tpp')
    .description(
      'be the TPP: register with a bank, log a customer in, check funds, read accounts, initiate payments (the @openstet/tpp SDK)',
    )
    .addCommand(tppRegisterCommand())
    .addCommand(tppLoginCommand())
    .addCommand(tppFundsCheckCommand())
    .addCommand(tppAccountsCommand())
    .addCommand(tppBalancesCommand())
    .addCommand(tppTransactionsCommand())
    .addCommand(tppPayCommand())
    .addCommand(tppPaymentCommand())
    .addCommand(tppTokenCommand())
    .addHelpText(
      'after',
      `
Every tpp command takes --certs <dir> (default ./tpp: qwac.pem/.key, qseal.pem/.key, ca.pem),
--authorization-server (default https://localhost:8443), --api (default https://localhost:8444/stet/psd2),
--client-id (default: your QWAC's organizationIdentifier), --bank-seal and --json.
Exit codes: 0 success, 1 refused by the bank (or not covered, or a payment not approved), 2 usage error.

Examples:
  $ npm start                                      # the sandbox bank, in another terminal
  $ npx openstet certs tpp --org-id PSDFR-ACPR-12345 --name "Acme Cards" --roles PSP_IC,PSP_AI --out ./tpp
  $ npx openstet tpp register
  $ npx openstet tpp login --persona marc
  $ npx openstet tpp funds-check --iban FR7613807008043001965405158 --amount 123.45 --currency EUR
  $ npx openstet tpp login --scope aisp --persona marc
  $ npx openstet tpp accounts --psu-ip-address 192.0.2.10
  $ npx openstet tpp pay --from FR7613807008043001965405158 --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 50.00 --persona marc
  $ npx openstet tpp payment show 6a1c0e9f2b3d4c5e6f708192a3b4c5d6
  $ npx openstet tpp token show`,
    );
}
