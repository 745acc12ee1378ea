import type { StetVersion } from '@openstet/protocol';
import { OAuthError, type StetClient } from '@openstet/tpp';
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { stetVersion } from '../options.ts';
import { withBankErrors } from './bank-errors.ts';
import { openBank, tokenStore } from './tpp-client.ts';
import { type TppOptions, tppContext, withTppOptions } from './tpp-options.ts';

/** The options of every AISP command. */
export interface InformationOptions extends TppOptions {
  readonly apiVersion?: StetVersion;
  readonly psuIpAddress?: string;
}

/** What an AISP command works with: the SDK client and the call options every read takes. */
export interface InformationSession {
  readonly bank: StetClient;
  readonly call: {
    readonly version: StetVersion;
    readonly tokenKey: 'aisp';
    readonly psuHeaders?: Readonly<Record<string, string>>;
  };
}

/** Adds the TPP options, `--api-version` and `--psu-ip-address` to an AISP command. */
export function withInformationOptions(command: Command): Command {
  return withTppOptions(
    command
      .option('--api-version <version>', 'v1.4.2 (default) or v1 (STET 1.4.0.47)', stetVersion)
      .option(
        '--psu-ip-address <ip>',
        "the customer's IP address when they are there (PSU-IP-Address, signed); without it a read is unattended: 4 a day per account (RTS Art. 36(5)(b))",
      ),
  );
}

/** Runs `work` with the aisp tokens of `tpp login --scope aisp`; the bank's refusals print and exit 1. */
export async function withInformationSession(
  options: InformationOptions,
  work: (session: InformationSession) => Promise<void>,
): Promise<void> {
  const context = tppContext(options, { acceptsVersion: true });
  const store = tokenStore(context);
  const bank = openBank(context, store);
  await withBankErrors(options.json, async () => {
    try {
      if (!(await store.get('aisp')))
        throw new OAuthError(
          401,
          'no_tokens',
          `No aisp tokens in ${context.tokenFile}: log in with --scope aisp`,
        );
      const version = options.apiVersion ?? context.apiVersion ?? 'v1.4.2';
      const psuHeaders = options.psuIpAddress ? { 'PSU-IP-Address': options.psuIpAddress } : undefined;
      await work({ bank, call: { version, tokenKey: 'aisp', ...(psuHeaders ? { psuHeaders } : {}) } });
    } finally {
      bank.close();
    }
  });
}

/** `--account`: an accountResourceId as `tpp accounts` shows it, or the account's IBAN (looked up). */
export async function accountIdOf(session: InformationSession, account: string): Promise<string> {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/i.test(account.replace(/\s/g, ''))) return account;
  const iban = account.replace(/\s/g, '').toUpperCase();
  const { accounts } = await session.bank.accounts(session.call);
  const found = accounts.find((candidate) => candidate.iban === iban);
  if (!found)
    throw new UsageError(`--account ${iban} is not among the accounts the customer made available to you`);
  return found.id;
}
