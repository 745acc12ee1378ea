import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Which kind of bank a database belongs to: a sandbox (its configuration trusts the sandbox test CA,
 * `OPENSTET_TRUST_SANDBOX_CA`) or a production bank. Recorded once, by the first server or
 * `openstet sandbox populate` that opens the database, and never changed afterwards: a production database
 * that a sandbox configuration later opens by mistake still says production.
 */
export type BankKind = 'sandbox' | 'production';

export function bankKindOf(config: { readonly trustSandboxCa: boolean }): BankKind {
  return config.trustSandboxCa ? 'sandbox' : 'production';
}

/** The kind the database names and since when; undefined while no bank nor populate has opened it. */
export async function recordedBankKind(
  db: Kysely<Database>,
): Promise<{ readonly kind: BankKind; readonly recordedAt: Date } | undefined> {
  return db.selectFrom('bankKind').select(['kind', 'recordedAt']).executeTakeFirst();
}

/** Records `kind` unless the database already names one; returns the kind the database names. */
export async function recordBankKind(db: Kysely<Database>, kind: BankKind, now: Date): Promise<BankKind> {
  // The primary key admits one row: a concurrent first start inserts nothing and reads the winner's.
  await db
    .insertInto('bankKind')
    .values({ kind, recordedAt: now })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const row = await db.selectFrom('bankKind').select('kind').executeTakeFirstOrThrow();
  return row.kind;
}
