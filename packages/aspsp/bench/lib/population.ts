/**
 * The bench's customers: a sandbox population made by `openstet sandbox populate`, as a bank or a TPP
 * makes one for its own load tests, with one token pair per customer for the bench TPP. The bench spreads
 * its requests over `BENCH_TOKENS` (default 10 000) of those customers, drawn across the whole population
 * so that the rows read are not the first pages of the tables.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BankEnvironment, openstet } from './served-bank.ts';

/** One customer the bench calls for: the access token and an open account of theirs. */
export interface Customer {
  readonly accessToken: string;
  readonly iban: string;
}

/** The funds request for one customer, as a card issuer sends it. */
export function fundsRequest(
  customer: Customer,
  index: number,
): { body: string; extra: Record<string, string> } {
  return {
    body: JSON.stringify({
      paymentCoverageRequestId: `bench-${index}`,
      instructedAmount: { currency: 'EUR', amount: '123.45' },
      accountId: { iban: customer.iban },
    }),
    extra: { authorization: `Bearer ${customer.accessToken}` },
  };
}

export interface Population {
  readonly accounts: number;
  readonly seconds: number;
  readonly customers: readonly Customer[];
}

/** `BENCH_TOKENS` (default 10 000): how many distinct customers' tokens the requests are spread over. */
export function tokenCount(): number {
  const value = Number(process.env.BENCH_TOKENS ?? 10_000);
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_TOKENS must be a positive integer`);
  return value;
}

/** A line of `--tokens-out` (README, "Populating the sandbox"). */
interface TokenLine {
  readonly subscription: 'active' | 'terminated';
  readonly accessToken: string;
  readonly accounts: readonly { readonly iban: string; readonly status: 'open' | 'closed' | 'blocked' }[];
}

function readTokens(file: string): TokenLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as TokenLine);
}

/**
 * Every `step`-th usable customer, `count` of them, spread evenly over the population; all of them when
 * fewer (10^4 accounts, one each, hold about 9 600 customers the bank answers 200 for).
 */
function spread(lines: readonly TokenLine[], count: number): Customer[] {
  const usable = lines.flatMap((line) => {
    // The bank answers 200 (covered or not) only for an active subscription and an open account.
    const account =
      line.subscription === 'active'
        ? line.accounts.find((candidate) => candidate.status === 'open')
        : undefined;
    return account ? [{ accessToken: line.accessToken, iban: account.iban }] : [];
  });
  const taken = Math.min(count, usable.length);
  const step = usable.length / taken;
  return Array.from({ length: taken }, (_, i) => usable[Math.floor(i * step)] as Customer);
}

/**
 * Populates the bank's database with `accounts` accounts (two per customer, one when fewer accounts than
 * twice the tokens asked), tokens for the TPP whose QWAC is `qwacFile`, and reads them back.
 */
export async function populate(
  bank: BankEnvironment,
  accounts: number,
  qwacFile: string,
  count: number,
): Promise<Population> {
  const perCustomer = accounts >= 2 * count ? 2 : 1;
  const tokensFile = join(bank.dataDir, `tokens-${accounts}.jsonl`);
  const started = performance.now();
  await openstet(bank, [
    'sandbox',
    'populate',
    '--customers',
    String(Math.ceil(accounts / perCustomer)),
    '--accounts-per-customer',
    String(perCustomer),
    '--seed',
    'bench',
    '--tpp-qwac',
    qwacFile,
    '--tokens-out',
    tokensFile,
  ]);
  const seconds = (performance.now() - started) / 1000;
  return { accounts, seconds, customers: spread(readTokens(tokensFile), count) };
}
