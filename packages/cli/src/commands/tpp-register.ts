import { memoryTokenStore } from '@openstet/tpp';
import { Command } from 'commander';
import { collect } from '../options.ts';
import { printJson } from '../output.ts';
import { withBankErrors } from '../tpp/bank-errors.ts';
import { DEFAULT_CALLBACK_PORT } from '../tpp/loopback-callback.ts';
import { openBank } from '../tpp/tpp-client.ts';
import { type TppOptions, tppContext, withTppOptions } from '../tpp/tpp-options.ts';

export const DEFAULT_REDIRECT_URI = `http://127.0.0.1:${DEFAULT_CALLBACK_PORT}/callback`;

interface RegisterOptions extends TppOptions {
  readonly redirectUri: readonly string[];
  readonly clientName?: string;
  readonly requirePkce?: boolean;
}

async function register(options: RegisterOptions): Promise<void> {
  const context = tppContext(options);
  const redirectUris = options.redirectUri.length > 0 ? options.redirectUri : [DEFAULT_REDIRECT_URI];
  const clientName = options.clientName ?? context.organizationName ?? context.clientId;
  const bank = openBank(context, memoryTokenStore());
  await withBankErrors(options.json, async () => {
    try {
      const answer = await bank.register({
        redirectUris,
        clientName,
        ...(options.requirePkce ? { requirePkce: true } : {}),
      });
      if (options.json) return printJson(answer);
      process.stdout.write(
        [
          `Registered ${context.clientId} (${clientName}) with ${new URL(context.apiBaseUrl).origin}/register:`,
          ...redirectUris.map((uri) => `  redirect URI  ${uri}`),
          `  QSealC        ${context.qseal.certificate} (the bank checks your signatures with it)`,
          '',
        ].join('\n'),
      );
    } finally {
      bank.close();
    }
  });
}

export function tppRegisterCommand(): Command {
  const command = new Command('register')
    .description(
      'register your redirect URIs and your QSealC with the bank (POST /register, authenticated by your QWAC)',
    )
    .option(
      '--redirect-uri <uri>',
      `a redirect URI; repeat for several (default ${DEFAULT_REDIRECT_URI}, what \`tpp login\` listens on)`,
      collect,
      [],
    )
    .option('--client-name <name>', 'shown to customers on the consent page (default: the name in your QWAC)')
    .option('--require-pkce', 'ask the bank to require PKCE on every authorization request');
  return withTppOptions(command)
    .addHelpText(
      'after',
      `
Registering again replaces the registration: give every redirect URI you use.

Examples:
  $ npx openstet tpp register
  $ npx openstet tpp register --redirect-uri http://127.0.0.1:9000/callback --redirect-uri https://acme.example/cb`,
    )
    .action(register);
}
