import type { StoredTokens } from '@openstet/tpp';
import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { ibanList, port, positiveSeconds, scope } from '../options.ts';
import { describeExpiry, paintFor, printJson, tokenPrefix } from '../output.ts';
import { persona, type SandboxPersona } from '../personas.ts';
import { withBankErrors } from '../tpp/bank-errors.ts';
import { login } from '../tpp/login-flow.ts';
import { DEFAULT_CALLBACK_PORT, startLoopbackCallback } from '../tpp/loopback-callback.ts';
import { openBrowser } from '../tpp/open-browser.ts';
import { assertSandbox } from '../tpp/sandbox-metadata.ts';
import { tokenSummary } from '../tpp/token-summary.ts';
import { openBank, tokenKey, tokenStore } from '../tpp/tpp-client.ts';
import { type TppContext, type TppOptions, tppContext, withTppOptions } from '../tpp/tpp-options.ts';

interface LoginOptions extends TppOptions {
  readonly scope: string;
  readonly port: number;
  readonly register?: boolean;
  readonly clientName?: string;
  readonly persona?: string;
  readonly password?: string;
  readonly accounts?: string[];
  readonly open: boolean;
  readonly timeout: number;
}

function printLoggedIn(context: TppContext, key: string, tokens: StoredTokens): void {
  const paint = paintFor(process.stdout);
  process.stdout.write(
    [
      `${paint.green('Logged in')}: scope ${tokens.scope}, access token ${tokenPrefix(tokens.accessToken)} expires ${describeExpiry(tokens.expiresAt)}` +
        (tokens.refreshToken ? `, refresh token ${tokenPrefix(tokens.refreshToken)}` : ''),
      `Tokens (${key}) saved encrypted in ${context.tokenFile}.`,
      '',
    ].join('\n'),
  );
}

/** Where the human reads the URL: stderr with --json, so stdout stays one JSON document. */
function showUrl(url: string, json: boolean | undefined, open: boolean): void {
  const out = json ? process.stderr : process.stdout;
  const opened = open && openBrowser(url);
  out.write(
    `Open this URL in a browser to log in at the bank${opened ? ' (opening your browser)' : ''}:\n  ${url}\nWaiting for the bank to send the browser back (Ctrl+C to stop)…\n`,
  );
}

/** Callback up, registration if asked, the customer's (or the persona's) SCA, tokens kept. */
async function logIn(context: TppContext, options: LoginOptions, customer: SandboxPersona | undefined) {
  if (customer !== undefined) await assertSandbox(context.authorizationServer, context.ca);
  const bank = openBank(context, tokenStore(context));
  const callback = await startLoopbackCallback(options.port).catch((error: unknown) => {
    bank.close();
    throw error;
  });
  try {
    if (options.register) {
      await bank.register({
        redirectUris: [callback.redirectUri],
        clientName: options.clientName ?? context.organizationName ?? context.clientId,
      });
    }
    const sandboxPersona =
      customer === undefined
        ? undefined
        : { ...customer, ca: context.ca, ...(options.accounts ? { accounts: options.accounts } : {}) };
    const tokens = await login({
      bank,
      callback,
      scope: options.scope,
      tokenKey: tokenKey(options.scope),
      authorizationServer: context.authorizationServer,
      timeoutMs: options.timeout * 1000,
      ...(sandboxPersona
        ? { persona: sandboxPersona }
        : { onAuthorizationUrl: (url: string) => showUrl(url, options.json, options.open) }),
    });
    return { tokens, redirectUri: callback.redirectUri };
  } finally {
    await callback.close();
    bank.close();
  }
}

async function loginCommand(options: LoginOptions): Promise<void> {
  const context = tppContext(options);
  const customer = options.persona === undefined ? undefined : persona(options.persona, options.password);
  if (options.accounts && customer === undefined)
    throw new UsageError('--accounts chooses what a --persona consents to: give --persona too');
  if (options.password !== undefined && customer === undefined)
    throw new UsageError("--password is a --persona's password: give --persona too");
  const key = tokenKey(options.scope);
  await withBankErrors(options.json, async () => {
    const { tokens, redirectUri } = await logIn(context, options, customer);
    if (options.json) printJson({ ...tokenSummary(key, tokens), redirectUri });
    else printLoggedIn(context, key, tokens);
  });
}

export function tppLoginCommand(): Command {
  const command = new Command('login')
    .description(
      'log a customer in at the bank (OAuth2 code flow, PKCE) through a loopback callback; keep the tokens',
    )
    .option(
      '--scope <scope>',
      'cbpii (STET 1.4.2) or piisp (1.4.0.47) for funds checks; aisp, pisp',
      scope,
      'cbpii',
    )
    .option(
      '--port <port>',
      'port of the callback http://127.0.0.1:<port>/callback; it must be a registered redirect URI',
      port,
      DEFAULT_CALLBACK_PORT,
    )
    .option('--register', 'register the callback URI first (replaces your registered redirect URIs)')
    .option('--client-name <name>', 'with --register: the name shown on the consent page')
    .option(
      '--persona <name|id>',
      'sandbox only: play this customer on the SCA pages (marc, marie, thomas, alix, techn-co, adam, lea, hugo, iris, or an online-banking id such as D0999990I0)',
    )
    .option(
      '--password <password>',
      "with --persona, where the sandbox asks for a password (OPENSTET_SCA_KNOWLEDGE_STEP): default, the persona's own (Marc#13807…)",
    )
    .option(
      '--accounts <ibans>',
      'with --persona: comma-separated IBANs to consent (default: every account)',
      ibanList,
    )
    .option('--no-open', 'do not open a browser (the URL is printed anyway)')
    .option('--timeout <seconds>', 'how long to wait for the customer', positiveSeconds, 300);
  return withTppOptions(command)
    .addHelpText(
      'after',
      `
The bank must know the callback as a redirect URI. Register it once:
  $ npx openstet tpp register --redirect-uri http://127.0.0.1:${DEFAULT_CALLBACK_PORT}/callback
or add --register here. --persona refuses any bank whose metadata does not say "openstet_sandbox": true.

Examples:
  $ npx openstet tpp login                       # prints (and opens) the bank's login page
  $ npx openstet tpp login --persona marc --accounts FR7613807008043001965405158,FR7613807008043001965405255
  $ npx openstet tpp login --scope piisp --persona D0999990I0 --port 9000 --register`,
    )
    .action(loginCommand);
}
