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
  require_pkce: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ConsentTable {
  id: string;
  psu_id: string;
  client_id: string;
  role: string;
  scopes: string[];
  accounts: string[];
  sca_at: Timestamp;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface ScaSessionTable {
  id: string;
  cookie_hash: string;
  csrf_hash: string;
  client_id: string;
  redirect_uri: string;
  scopes: string[];
  state: string | null;
  code_challenge: string | null;
  step: string;
  psu_id: string | null;
  failures: Generated<number>;
  otp_destination: string | null;
  last_activity_at: Timestamp;
  created_at: Generated<Date>;
}

export interface AuthorizationCodeTable {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string | null;
  consent_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  replayed_at: Generated<Date | null>;
}

export interface TokenPairTable {
  id: string;
  access_hash: string;
  refresh_hash: string | null;
  client_id: string;
  role: string;
  scopes: string[];
  psu_id: string | null;
  consent_id: string | null;
  accounts: string[];
  code_hash: string | null;
  certificate_thumbprint: string;
  access_expires_at: Timestamp;
  refresh_expires_at: Timestamp | null;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  request_id: string;
  client_id: string | null;
  psu_id: string | null;
  method: string;
  path: string;
  status: number;
  error: string | null;
  latency_ms: number;
}

export interface ScaAttemptTable {
  psu_id: string;
  failures: number;
  locked_until: Timestamp | null;
}

/** Revocations by the sandbox's test QTSP CA (its CRL and OCSP answers). */
export interface SandboxRevocationTable {
  serial_number: string;
  revoked_at: Timestamp;
  reason: string;
}

export interface Database {
  tpp_registry: TppRegistryTable;
  clients: ClientTable;
  consents: ConsentTable;
  sca_sessions: ScaSessionTable;
  authorization_codes: AuthorizationCodeTable;
  token_pairs: TokenPairTable;
  audit_events: AuditEventTable;
  sca_attempts: ScaAttemptTable;
  sandbox_revocations: SandboxRevocationTable;
}
