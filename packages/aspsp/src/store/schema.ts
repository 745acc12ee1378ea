import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The register of licensed TPPs (the REGAFI / EBA register role). */
export interface TppRegistryTable {
  organization_id: string;
  name: string;
  nca_name: string;
  nca_id: string;
  roles: string[];
  status: 'licensed' | 'withdrawn';
  updated_at: Timestamp;
}

/** TPP registrations made through `POST /register` (RFC 7591 style). */
export interface ClientTable {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  signing_certificate: string;
  signing_certificate_url: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface Database {
  tpp_registry: TppRegistryTable;
  clients: ClientTable;
}
