import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The bank secret `name` (256 random bits), drawn by the first node that asks and then shared by all:
 * a concurrent first draw inserts nothing and reads the winner's (migration 009).
 */
export async function bankKey(db: Kysely<Database>, name: string, now: Date): Promise<Uint8Array> {
  await db
    .insertInto('bankKeys')
    .values({ name, key: randomBytes(32), createdAt: now })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('bankKeys')
    .select('key')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return new Uint8Array(row.key);
}
