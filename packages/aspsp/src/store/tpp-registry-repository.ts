import { isPsd2Role } from '@openstet/protocol';
import { type Kysely, sql } from 'kysely';
import type { TppLicence, TppRegistry } from '../core/tpp/tpp-licence.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

const REPLACED = ['name', 'ncaName', 'ncaId', 'roles', 'status'] as const;

/** Roles this version does not know are ignored, never trusted. */
function toLicence(row: Omit<TppLicence, 'roles'> & { readonly roles: readonly string[] }): TppLicence {
  return Object.freeze({ ...row, roles: Object.freeze(row.roles.filter(isPsd2Role)) });
}

export function tppRegistryRepository(db: Kysely<Database>): TppRegistry {
  const licences = db
    .selectFrom('tppRegistry')
    .select(['organizationId as organizationIdentifier', ...REPLACED]);
  return {
    async find(organizationIdentifier) {
      const row = await licences.where('organizationId', '=', organizationIdentifier).executeTakeFirst();
      return row && toLicence(fromRow(row));
    },
    async save(licence) {
      const values = pick(licence, REPLACED);
      // `updated_at` is bookkeeping no rule reads: the database's clock, like its insert default, so that
      // the CLI can write the register without a clock of the server's (packages/cli sandbox-access.ts).
      await db
        .insertInto('tppRegistry')
        .values({ organizationId: licence.organizationIdentifier, ...values })
        .onConflict((conflict) =>
          conflict.column('organizationId').doUpdateSet({ ...values, updatedAt: sql`now()` }),
        )
        .execute();
    },
    async list() {
      return (await licences.orderBy('organizationId').execute()).map((row) => toLicence(fromRow(row)));
    },
  };
}
