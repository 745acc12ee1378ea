import type { StetVersion } from '@openstet/protocol';
import { OAuthError } from '@openstet/tpp';
import { Command } from 'commander';
import { EXIT } from '../exit-codes.ts';
import { amount, currency, iban, stetVersion } from '../options.ts';
import { paintFor, printJson } from '../output.ts';
import { withBankErrors } from '../tpp/bank-errors.ts';
import { openBank, tokenStore } from '../tpp/tpp-client.ts';
import { type TppOptions, tppContext, withTppOptions } from '../tpp/tpp-options.ts';

interface FundsCheckOptions extends TppOptions {
  readonly iban: string;
  readonly amount: string;
  readonly currency: string;
  readonly apiVersion?: StetVersion;
  readonly requestId?: string;
  readonly payee?: string;
  readonly psuIpAddress?: string;
}

async function fundsCheck(options: FundsCheckOptions): Promise<void> {
  const context = tppContext(options, { acceptsVersion: true });
  const version = options.apiVersion ?? context.apiVersion ?? 'v1.4.2';
  const check = {
    iban: options.iban,
    amount: amount(options.amount, options.currency),
    currency: options.currency,
    ...(options.requestId ? { paymentCoverageRequestId: options.requestId } : {}),
    ...(options.payee ? { payee: options.payee } : {}),
  };
  const store = tokenStore(context);
  const bank = openBank(context, store);
  await withBankErrors(options.json, async () => {
    try {
      if (!(await store.get('cbpii')))
        throw new OAuthError(401, 'no_tokens', `No cbpii or piisp tokens in ${context.tokenFile}`);
      const { covered, raw, requestId } = await bank.fundsConfirmation(check, {
        version,
        tokenKey: 'cbpii',
        ...(options.psuIpAddress ? { psuHeaders: { 'PSU-IP-Address': options.psuIpAddress } } : {}),
      });
      // Not covered is the bank's "no" to this payment: exit 1, so `funds-check … && pay` is safe.
      if (!covered) process.exitCode = EXIT.failure;
      if (options.json) return printJson({ covered, ...check, version, requestId, answer: raw });
      const paint = paintFor(process.stdout);
      process.stdout.write(
        covered
          ? `${paint.green('covered')}: ${check.iban} can pay ${check.amount} ${check.currency} (STET ${version})\n`
          : `${paint.red('not covered')}: ${check.iban} cannot pay ${check.amount} ${check.currency} now (STET ${version})\n`,
      );
    } finally {
      bank.close();
    }
  });
}

export function tppFundsCheckCommand(): Command {
  const command = new Command('funds-check')
    .description(
      'ask the bank whether an account can cover an amount now (POST /funds-confirmations, signed)',
    )
    .requiredOption('--iban <iban>', 'the account, e.g. FR7613807008043001965405158', iban)
    .requiredOption('--amount <amount>', 'decimal amount, e.g. 123.45')
    .option('--currency <code>', 'ISO 4217 currency', currency, 'EUR')
    .option(
      '--api-version <version>',
      'v1.4.2 (default) or v1 (STET 1.4.0.47); `--api v1` / `--api v1.4.2` work too',
      stetVersion,
    )
    .option('--request-id <id>', 'paymentCoverageRequestId (default: random)')
    .option('--payee <name>', 'the merchant, as the card issuer knows it')
    .option('--psu-ip-address <ip>', "the customer's IP address when connected (PSU-IP-Address, signed)");
  return withTppOptions(command)
    .addHelpText(
      'after',
      `
Exit code: 0 covered, 1 not covered or refused by the bank (its code, message and X-Request-ID are
printed), 2 usage error. Log in first: \`openstet tpp login --scope cbpii\`.

Examples:
  $ npx openstet tpp funds-check --iban FR7613807008043001965405158 --amount 123.45 --currency EUR
  $ npx openstet tpp funds-check --iban FR7613807008043001965405255 --amount 458.99 --api v1 --json`,
    )
    .action(fundsCheck);
}
