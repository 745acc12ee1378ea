import { open, rename, rm } from 'node:fs/promises';
import {
  type PopulatedCustomer,
  type PopulationPlan,
  populatedCustomers,
  populatedSecret,
  type Store,
} from '@openstet/aspsp';
import { formatAmount } from '@openstet/protocol';

/**
 * One line of `--tokens-out`, keys in this order (load-test scripts read it, `packages/aspsp/bench`):
 * `{"ordinal":1,"psuId":"…","onlineBankingId":"…","subscription":"active","accessToken":"…",
 * "refreshToken":"…","accounts":[{"iban":"FR76…","status":"open","available":{"amount":"123.45","currency":"EUR"}}]}`.
 * `available` is what a funds check may cover: accounting balance − pending card debits + authorised overdraft.
 */
function tokenLine(seed: string, plan: PopulationPlan, customer: PopulatedCustomer): string {
  const secret = (kind: 'access' | 'refresh') =>
    populatedSecret(seed, kind, plan.establishment, customer.ordinal);
  return `${JSON.stringify({
    ordinal: customer.ordinal,
    psuId: customer.psuId,
    onlineBankingId: customer.onlineBankingId,
    subscription: customer.subscription,
    accessToken: secret('access'),
    refreshToken: secret('refresh'),
    accounts: customer.accounts.map((account) => ({
      iban: account.iban,
      status: account.status,
      available: { amount: formatAmount(account.available), currency: account.available.currency },
    })),
  })}\n`;
}

/**
 * Writes the population's customers and their tokens to `path` as JSON Lines, in ordinal order, a batch of
 * customers at a time (a million accounts are never in memory). The tokens are bearer secrets: the file is
 * created readable by its owner only (0600), under a temporary name renamed at the end, so that a reader
 * never sees half a file and a failed run leaves none. Returns the number of lines.
 */
export async function writeTokensFile(
  store: Store,
  seed: string,
  plan: PopulationPlan,
  path: string,
): Promise<number> {
  const partial = `${path}.${process.pid}.partial`;
  const file = await open(partial, 'wx', 0o600);
  let lines = 0;
  try {
    for await (const batch of populatedCustomers(store.db, plan.id, plan.customers)) {
      await file.write(batch.map((customer) => tokenLine(seed, plan, customer)).join(''));
      lines += batch.length;
    }
    await file.close();
    await rename(partial, path);
    return lines;
  } catch (error) {
    await file.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
