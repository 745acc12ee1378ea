import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type Config,
  configuredStore,
  loadConfig,
  openStore,
  POPULATION_LIMITS,
  type PopulationCounts,
  type PopulationPlan,
  populateLedger,
  populationPlan,
} from '@openstet/aspsp';
import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { printJson } from '../output.ts';
import { checkBankKind, describeDatabase, refuseHeldDatabase } from './sandbox-guard.ts';
import { writeTokensFile } from './sandbox-tokens-file.ts';
import { type QwacTpp, qwacTpp, tppWarnings } from './sandbox-tpp.ts';

interface PopulateOptions {
  readonly customers: number;
  readonly seed: string;
  readonly accountsPerCustomer: number;
  readonly establishment?: string;
  readonly tppQwac?: string;
  readonly tokensOut?: string;
  readonly allowNonSandbox?: boolean;
  readonly json?: boolean;
}

function wholeNumber(flag: string, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < 1 || number > max)
      throw new UsageError(`${flag} "${value}": give a whole number from 1 to ${max}`);
    return number;
  };
}

function seed(value: string): string {
  if (value === '') throw new UsageError('--seed: give a non-empty text, e.g. --seed demo');
  return value;
}

function establishmentOf(config: Config, asked: string | undefined): string {
  const code = asked ?? config.defaultCdetab;
  if (config.establishments.some((establishment) => establishment.code === code)) return code;
  const known = config.establishments.map((establishment) => establishment.code).join(', ');
  throw new UsageError(`--establishment "${code}" is not one this bank serves: use one of ${known}`);
}

interface Outcome {
  readonly now: Date;
  readonly plan: PopulationPlan;
  readonly counts: PopulationCounts;
  readonly tpp: QwacTpp | undefined;
  readonly tokensFile: string | undefined;
  readonly seconds: { readonly populate: number; readonly tokensFile: number | undefined };
}

const since = (started: number) => Math.round(performance.now() - started) / 1000;

function printSummary(config: Config, { now, plan, counts, tpp, tokensFile, seconds }: Outcome): void {
  const last = plan.customers;
  // token-lifetimes.ts: one hour ("de l'ordre d'une heure maximum", seed).
  const expiry = new Date(now.getTime() + 3_600_000);
  const expires = `${String(expiry.getHours()).padStart(2, '0')}:${String(expiry.getMinutes()).padStart(2, '0')}`;
  const lines = [
    `Populated establishment ${plan.establishment} in ${describeDatabase(config)}: population ${plan.id}`,
    `  customers    ${counts.customers}  online-banking ids ${plan.onlineBankingIdPrefix}${'1'.padStart(8, '0')} to ${plan.onlineBankingIdPrefix}${String(last).padStart(8, '0')}`,
    `  accounts     ${counts.accounts}  ${plan.accountsPerCustomer} per customer, RIB branch ${plan.branch}, account numbers ${plan.accountPrefix}…`,
    tpp
      ? `  consents     ${counts.consents}  cbpii on all of each customer's accounts, for ${tpp.tpp.clientId}`
      : `  consents     0  (no --tpp-qwac)`,
    tpp
      ? `  token pairs  ${counts.tokenPairs}  bound to the QWAC ${tpp.tpp.certificateThumbprint.slice(0, 12)}…; access tokens valid until ${expires}, refresh tokens 180 days`
      : `  token pairs  0`,
    `  replaced     ${counts.replaced ? 'yes: the previous population of this seed is gone, with its consents and tokens' : 'no: a new population'}`,
    `  took         ${seconds.populate.toFixed(1)} s to populate${tokensFile && seconds.tokensFile !== undefined ? `, ${seconds.tokensFile.toFixed(1)} s to write ${tokensFile} (mode 0600)` : ''}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function populate(options: PopulateOptions): Promise<void> {
  if (options.tokensOut !== undefined && options.tppQwac === undefined)
    throw new UsageError('--tokens-out needs --tpp-qwac <file>: the tokens are issued to that TPP');
  const config = loadConfig();
  const establishment = establishmentOf(config, options.establishment);
  const tpp = options.tppQwac === undefined ? undefined : qwacTpp(options.tppQwac);
  const tokensFile = options.tokensOut === undefined ? undefined : resolve(options.tokensOut);
  refuseHeldDatabase(config);
  const store = await openStore(configuredStore(config));
  try {
    await checkBankKind(store, config, options.allowNonSandbox === true);
    const plan = populationPlan(options.seed, establishment, options.customers, options.accountsPerCustomer);
    const now = new Date();
    let started = performance.now();
    const counts = await populateLedger(store.db, config.databaseSchema, plan, tpp?.tpp, now);
    const populateSeconds = since(started);
    started = performance.now();
    if (tokensFile) await writeTokensFile(store, options.seed, plan, tokensFile);
    const seconds = { populate: populateSeconds, tokensFile: tokensFile ? since(started) : undefined };
    for (const warning of tpp ? await tppWarnings(store, tpp, now) : [])
      process.stderr.write(`openstet: warning: ${warning}\n`);
    const outcome = { now, plan, counts, tpp, tokensFile, seconds };
    if (options.json) return printJson(jsonSummary(outcome));
    printSummary(config, outcome);
  } finally {
    await store.close();
  }
}

function jsonSummary({ plan, counts, tpp, tokensFile, seconds }: Outcome) {
  return {
    population: plan.id,
    establishment: plan.establishment,
    accountsPerCustomer: plan.accountsPerCustomer,
    ...counts,
    clientId: tpp?.tpp.clientId ?? null,
    tokensFile: tokensFile ?? null,
    seconds: { populate: seconds.populate, tokensFile: seconds.tokensFile ?? null },
  };
}

export function sandboxPopulateCommand(): Command {
  return new Command('populate')
    .description(
      "fill the sandbox bank's database with generated customers and current accounts (and, for a TPP, consents and tokens) for load tests",
    )
    .requiredOption(
      '--customers <n>',
      `how many customers, 1 to ${POPULATION_LIMITS.customers}`,
      wholeNumber('--customers', POPULATION_LIMITS.customers),
    )
    .requiredOption(
      '--seed <text>',
      'same seed, same customers, IBANs, balances and tokens on every run',
      seed,
    )
    .option(
      '--accounts-per-customer <k>',
      `current accounts each, 1 to ${POPULATION_LIMITS.accountsPerCustomer}`,
      wholeNumber('--accounts-per-customer', POPULATION_LIMITS.accountsPerCustomer),
      1,
    )
    .option(
      '--establishment <code>',
      "the establishment (cdetab) (default: the bank's default, OPENSTET_DEFAULT_CDETAB)",
    )
    .option(
      '--tpp-qwac <file>',
      "a TPP's QWAC (PEM): each customer gets a cbpii consent on all their accounts and a token pair bound to it",
    )
    .option(
      '--tokens-out <file>',
      'write each customer, their tokens and accounts as JSON Lines (needs --tpp-qwac)',
    )
    .option('--allow-non-sandbox', 'populate even a database a production bank recorded as its own')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Running it again with the same seed and establishment replaces that population (and its consents and
tokens); another seed adds another population. The tokens are derived from the seed: anyone who knows it
can use them, so a database recorded as a production bank's is refused (exit 1) unless --allow-non-sandbox.
The embedded database must not be held by a running server: stop it first (PostgreSQL: no need).
Access tokens last one hour from the run; refresh them at /token, or run the command again.

--tokens-out lines, in customer order (file mode 0600):
  {"ordinal":1,"psuId":"…","onlineBankingId":"…","subscription":"active","accessToken":"…","refreshToken":"…",
   "accounts":[{"iban":"FR76…","status":"open","available":{"amount":"123.45","currency":"EUR"}}]}
  available = accounting balance − pending card debits + authorised overdraft: what a funds check covers.

Exit codes: 0 populated, 1 refused or failed (a production database, a held embedded database, another
seed's IBAN range), 2 usage error.

Example:
  $ npx openstet certs tpp --org-id PSDFR-ACPR-12345 --name "Acme Cards" --roles PSP_IC --out ./tpp
  $ npx openstet sandbox populate --customers 10000 --seed demo --tpp-qwac ./tpp/qwac.pem --tokens-out ./tokens.jsonl`,
    )
    .action(populate);
}
