import type { StetVersion } from '@openstet/protocol';
import { memoryTokenStore, type StetClient } from '@openstet/tpp';
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { stetVersion } from '../options.ts';
import { withBankErrors } from './bank-errors.ts';
import { openBank } from './tpp-client.ts';
import { type TppContext, type TppOptions, tppContext, withTppOptions } from './tpp-options.ts';

/** The options of every PISP command. */
export interface PaymentOptions extends TppOptions {
  readonly apiVersion?: StetVersion;
  /** `--version`, the same as `--api-version`. */
  readonly version?: StetVersion;
}

/** Adds the TPP options and the STET version (`--api-version`, or `--version`) to a PISP command. */
export function withPaymentOptions(command: Command): Command {
  return withTppOptions(
    command
      .option('--api-version <version>', 'v1.4.2 (default) or v1 (STET 1.4.0.47)', stetVersion)
      .option('--version <version>', 'the same as --api-version', stetVersion),
  );
}

/** What a PISP command works with: the SDK client, the bank's URLs and the version. */
export interface PaymentSession {
  readonly bank: StetClient;
  readonly context: TppContext;
  readonly version: StetVersion;
}

/**
 * Runs `work` with a client whose client-credentials token (scope `pisp`) lives in this process only: it
 * is asked for at the first call, never written next to the customers' tokens. The bank's refusals print
 * and exit 1, as in every tpp command.
 */
export async function withPaymentSession(
  options: PaymentOptions,
  work: (session: PaymentSession) => Promise<void>,
): Promise<void> {
  const context = tppContext(options, { acceptsVersion: true });
  if (options.apiVersion && options.version && options.apiVersion !== options.version)
    throw new UsageError(
      `--api-version ${options.apiVersion} and --version ${options.version} differ: give one`,
    );
  const version = options.apiVersion ?? options.version ?? context.apiVersion ?? 'v1.4.2';
  const bank = openBank(context, memoryTokenStore());
  await withBankErrors(options.json, async () => {
    try {
      await work({ bank, context, version });
    } finally {
      bank.close();
    }
  });
}
