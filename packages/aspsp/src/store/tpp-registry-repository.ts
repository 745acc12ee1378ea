import { isPsd2Role } from '@openstet/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { TppLicence, TppRegistry } from '../core/tpp/tpp-licence.ts';
import type { Database, TppRegistryTable } from './schema.ts';

function toLicence(row: Selectable<TppRegistryTable>): TppLicence {
  return Object.freeze({
    organizationIdentifier: row.organization_id,
    name: row.name,
    ncaName: row.nca_name,
    ncaId: row.nca_id,
    roles: Object.freeze(row.roles.filter(isPsd2Role)),
    status: row.status,
  });
}

export function tppRegistryRepository(db: Kysely<Database>): TppRegistry {
  return {
    async find(organizationIdentifier) {
      const row = await db
        .selectFrom('tpp_registry')
        .selectAll()
        .where('organization_id', '=', organizationIdentifier)
        .executeTakeFirst();
      return row ? toLicence(row) : undefined;
    },
    async save(licence) {
      const values = {
        name: licence.name,
        nca_name: licence.ncaName,
        nca_id: licence.ncaId,
        roles: [...licence.roles],
        status: licence.status,
        updated_at: new Date(),
      };
      await db
        .insertInto('tpp_registry')
        .values({ organization_id: licence.organizationIdentifier, ...values })
        .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('tpp_registry').selectAll().orderBy('organization_id').execute();
      return rows.map(toLicence);
    },
  };
}
