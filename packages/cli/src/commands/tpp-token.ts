import type { StoredTokens } from '@openstet/tpp';
import { Command } from 'commander';
import { EXIT } from '../exit-codes.ts';
import { scope } from '../options.ts';
import { describeExpiry, paintFor, printJson, tokenPrefix } from '../output.ts';
import { withBankErrors } from '../tpp/bank-errors.ts';
import { tokenSummary } from '../tpp/token-summary.ts';
import { openBank, TOKEN_KEYS, tokenKey, tokenStore } from '../tpp/tpp-client.ts';
import { type TppContext, type TppOptions, tppContext, withTppOptions } from '../tpp/tpp-options.ts';

interface TokenOptions extends TppOptions {
  readonly scope: string;
}

function printTokens(list: readonly [string, StoredTokens][]): void {
  const paint = paintFor(process.stdout);
  for (const [key, tokens] of list) {
    const expiry = describeExpiry(tokens.expiresAt);
    process.stdout.write(
      `${paint.bold(key.padEnd(6))} scope ${tokens.scope.padEnd(6)}  access ${tokenPrefix(tokens.accessToken)}  expires ${tokens.expiresAt > Date.now() ? expiry : paint.yellow(expiry)}  refresh ${tokenPrefix(tokens.refreshToken) ?? '(none)'}\n`,
    );
  }
}

async function show(options: TppOptions): Promise<void> {
  const context = tppContext(options);
  const store = tokenStore(context);
  const list: [string, StoredTokens][] = [];
  for (const key of TOKEN_KEYS) {
    const tokens = await store.get(key);
    if (tokens) list.push([key, tokens]);
  }
  if (list.length === 0) process.exitCode = EXIT.failure;
  if (options.json) return printJson(list.map(([key, tokens]) => tokenSummary(key, tokens)));
  if (list.length === 0)
    process.stderr.write(`openstet: no tokens in ${context.tokenFile}: run \`openstet tpp login\`\n`);
  printTokens(list);
}

/** Runs `work` on the tokens of `--scope`'s role; none kept is a refusal (exit 1) that says what to do. */
async function withTokens(
  options: TokenOptions,
  work: (context: TppContext, key: string, bank: ReturnType<typeof openBank>) => Promise<void>,
): Promise<void> {
  const context = tppContext(options);
  const store = tokenStore(context);
  const key = tokenKey(options.scope);
  const bank = openBank(context, store);
  await withBankErrors(options.json, async () => {
    try {
      if (!(await store.get(key))) {
        const message = `no ${key} tokens in ${context.tokenFile}: run \`openstet tpp login --scope ${options.scope}\``;
        if (options.json) printJson({ error: { code: 'no_tokens', message } });
        else process.stderr.write(`openstet: ${message}\n`);
        process.exitCode = EXIT.failure;
        return;
      }
      await work(context, key, bank);
    } finally {
      bank.close();
    }
  });
}

const refresh = (options: TokenOptions) =>
  withTokens(options, async (_context, key, bank) => {
    const tokens = await bank.refresh(key);
    if (options.json) return printJson(tokenSummary(key, tokens));
    process.stdout.write('Refreshed:\n');
    printTokens([[key, tokens]]);
  });

const revoke = (options: TokenOptions) =>
  withTokens(options, async (context, key, bank) => {
    await bank.revoke(key);
    if (options.json) return printJson({ key, revoked: true });
    const paint = paintFor(process.stdout);
    process.stdout.write(
      `${paint.green('Revoked')} the ${key} token pair at the bank (RFC 7009) and removed it from ${context.tokenFile}.\n`,
    );
  });

export function tppTokenCommand(): Command {
  const token = new Command('token').description(
    'the tokens kept in <certs>/tokens.enc (AES-256-GCM; key OPENSTET_TOKEN_SECRET or <certs>/token.secret)',
  );
  token.addCommand(
    withTppOptions(
      new Command('show').description(
        'show the tokens kept: a short prefix, the expiry and the scope, never a whole token',
      ),
    )
      .addHelpText(
        'after',
        '\nExamples:\n  $ npx openstet tpp token show\n  $ npx openstet tpp token show --json',
      )
      .action(show),
  );
  for (const [name, description, action] of [
    ['refresh', 'get a new access token with the refresh token (the refresh token stays)', refresh],
    ['revoke', 'revoke the token pair at the bank (RFC 7009) and forget it', revoke],
  ] as const) {
    token.addCommand(
      withTppOptions(
        new Command(name)
          .description(description)
          .option(
            '--scope <scope>',
            'whose tokens: the role of this scope (cbpii and piisp are one)',
            scope,
            'cbpii',
          ),
      )
        .addHelpText(
          'after',
          `\nExamples:\n  $ npx openstet tpp token ${name}\n  $ npx openstet tpp token ${name} --scope aisp --json`,
        )
        .action(action),
    );
  }
  return token.addHelpText(
    'after',
    `
Examples:
  $ npx openstet tpp token show
  $ npx openstet tpp token refresh
  $ npx openstet tpp token revoke --json`,
  );
}
