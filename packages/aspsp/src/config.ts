import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { Establishment } from './core/establishments/establishment.ts';
import { establishmentsConfig } from './establishments-config.ts';

/** Everything the server reads from its environment, validated once and frozen. */
export interface Config {
  /** Sandbox PKI, embedded database and admin secret live here (`OPENSTET_DATA_DIR`, default `./.openstet`). */
  readonly dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in the data directory is used. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema for openstet's tables (`OPENSTET_DATABASE_SCHEMA`, default `public`). */
  readonly databaseSchema: string;
  readonly host: string;
  readonly publicPort: number;
  readonly mtlsPort: number;
  /** Base URLs as TPPs and browsers reach them (RFC 8705 §5 mTLS endpoint aliases). */
  readonly publicUrl: string;
  readonly mtlsUrl: string;
  /** Extra QTSP CA certificates (PEM files) trusted for client certificates, besides the sandbox test CA. */
  readonly trustedCaFiles: readonly string[];
  /** Whether the sandbox test CA is trusted. Never in production. */
  readonly trustSandboxCa: boolean;
  /**
   * Whether the loopback admin API (the CLI's way into a running sandbox) listens. On by default only
   * where the sandbox CA is trusted; a production bank changes its register in the database.
   */
  readonly adminApi: boolean;
  /** Production server certificate and key (PEM); the sandbox issues its own when absent. */
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  /** The bank's QSealC and key (PEM) signing responses (STET CR199); the sandbox seal when absent. */
  readonly sealCertFile: string | undefined;
  readonly sealKeyFile: string | undefined;
  /** Header carrying the client certificate from a TLS-terminating proxy, e.g. `x-ssl-client-cert`. */
  readonly clientCertHeader: string | undefined;
  /** Addresses or CIDR ranges of the proxies allowed to set `clientCertHeader`. */
  readonly trustedProxies: readonly string[];
  readonly logLevel: string;
  /** How long registry and registration lookups are cached (changes made through the server apply at once). */
  readonly trustCacheSeconds: number;
  /** Accepted distance between a signed `Date` header and the bank's clock. */
  readonly clockSkewSeconds: number;
  /**
   * How long a certificate's revocation status (OCSP answer or CRL) is kept before its source is asked
   * again, at most: a revocation takes effect on every node within this time.
   */
  readonly revocationCacheSeconds: number;
  /** How long a CRL or OCSP source may take to answer. */
  readonly revocationTimeoutMs: number;
  /**
   * Origins of CRL and OCSP sources (`http://crl.qtsp.example`, or `*` for all) whose unavailability means
   * accept; for every other source an unavailable status refuses the call (503).
   */
  readonly revocationSoftFail: readonly string[];
  /**
   * PKCE (S256) on every authorization request (FAPI 1.0 Advanced §5.2.2; RFC 9700 §2.1.1). `false` is the
   * opt-out for TPPs that cannot: PKCE is then required only of clients that registered `require_pkce`.
   */
  readonly requirePkce: boolean;
  /** Inactivity allowed on the PSU pages; RTS Art. 4(3)(d) caps it at 300 s. */
  readonly scaInactivitySeconds: number;
  /** The sandbox bank asks each persona's password with the online-banking id (a knowledge element, RTS Art. 6). */
  readonly scaKnowledgeStep: boolean;
  /** Consent roles TPPs may reach with client credentials (STET: PISP). */
  readonly clientCredentialsRoles: readonly ('aisp' | 'cbpii' | 'pisp')[];
  /** How long the core banking connector may take before the API answers 503 INTS. */
  readonly coreBankingTimeoutMs: number;
  /** STET API calls allowed per TPP per second before 429 TMRQ. */
  readonly tppRateLimit: number;
  /** Requests per minute one address may make to /authorize and the SCA pages. */
  readonly psuRateLimit: number;
  /** The establishments served (`OPENSTET_ESTABLISHMENTS`, default the seed's 11), each at its own host name. */
  readonly establishments: readonly Establishment[];
  /** The establishment of a host that names none (`OPENSTET_DEFAULT_CDETAB`, default 13807). */
  readonly defaultCdetab: string;
  /** How often expired codes, tokens, consents and SCA sessions are deleted; 0 never (the bank's own job). */
  readonly purgeIntervalSeconds: number;
  /**
   * How often each node runs the payment scheduler (future-dated payments, standing orders, unanswered
   * approvals, debits booked meanwhile); 0 turns it off.
   */
  readonly paymentSchedulerSeconds: number;
}

export { ConfigError };

type Env = Readonly<Record<string, string | undefined>>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new ConfigError(`${name} must be a port number, got "${raw}"`);
  return value;
}

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a number of seconds, got "${raw}"`);
  return value;
}

/** A count or a duration in milliseconds: a whole number, at least 1 (0 would refuse every call). */
function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${raw}"`);
  return value;
}

/** Whole seconds, 0 (off) to 2 147 483: a timer of more than 2^31 - 1 ms would fire every millisecond. */
function interval(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483)
    throw new ConfigError(`${name} must be a whole number of seconds from 0 (off) to 2147483, got "${raw}"`);
  return value;
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Source origins as the revocation checker compares them (`new URL(url).origin`), or `*`. */
function origins(env: Env, name: string): string[] {
  return list(env, name).map((entry) => {
    if (entry === '*') return entry;
    if (!URL.canParse(entry) || !/^https?:$/.test(new URL(entry).protocol))
      throw new ConfigError(`${name}: "${entry}" is not an http(s) origin such as http://crl.qtsp.example`);
    return new URL(entry).origin;
  });
}

function proxies(env: Env): string[] {
  const entries = list(env, 'OPENSTET_TRUSTED_PROXIES');
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const maxPrefix = isIP(address) === 6 ? 128 : 32;
    if (
      isIP(address) === 0 ||
      (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix))
    ) {
      throw new ConfigError(`OPENSTET_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
  }
  return entries;
}

function inactivity(env: Env): number {
  const value = seconds(env, 'OPENSTET_SCA_INACTIVITY_SECONDS', 300);
  if (value === 0 || value > 300)
    throw new ConfigError('OPENSTET_SCA_INACTIVITY_SECONDS must be 1 to 300 (RTS Art. 4(3)(d))');
  return value;
}

function roles(env: Env): ('aisp' | 'cbpii' | 'pisp')[] {
  const values = list(env, 'OPENSTET_CLIENT_CREDENTIALS_ROLES');
  const chosen = values.length > 0 ? values : ['pisp'];
  const unknown = chosen.find((role) => role !== 'aisp' && role !== 'cbpii' && role !== 'pisp');
  if (unknown)
    throw new ConfigError(`OPENSTET_CLIENT_CREDENTIALS_ROLES: unknown role "${unknown}" (aisp, cbpii, pisp)`);
  return chosen as ('aisp' | 'cbpii' | 'pisp')[];
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

/** Reads the configuration from environment variables, with sandbox defaults. */
export function loadConfig(env: Env = process.env): Config {
  const publicPort = port(env, 'OPENSTET_PUBLIC_PORT', 8443);
  const mtlsPort = port(env, 'OPENSTET_MTLS_PORT', 8444);
  const host = env.OPENSTET_HOST || 'localhost';
  const clientCertHeader = env.OPENSTET_CLIENT_CERT_HEADER?.trim().toLowerCase() || undefined;
  const trustedProxies = proxies(env);
  // Strictly true or false: a `FALSE` or `0` must not leave the sandbox CA (and the admin API) on.
  const trustSandboxCa = flag(env, 'OPENSTET_TRUST_SANDBOX_CA', true);
  if (clientCertHeader && trustedProxies.length === 0) {
    throw new ConfigError(
      'OPENSTET_CLIENT_CERT_HEADER needs OPENSTET_TRUSTED_PROXIES: the addresses allowed to set it',
    );
  }
  const served = establishmentsConfig(env);
  return Object.freeze({
    dataDir: resolve(env.OPENSTET_DATA_DIR || '.openstet'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.OPENSTET_DATABASE_SCHEMA || 'public',
    host,
    publicPort,
    mtlsPort,
    publicUrl: (env.OPENSTET_PUBLIC_URL || `https://localhost:${publicPort}`).replace(/\/$/, ''),
    mtlsUrl: (env.OPENSTET_MTLS_URL || `https://localhost:${mtlsPort}`).replace(/\/$/, ''),
    trustedCaFiles: Object.freeze(list(env, 'OPENSTET_TRUSTED_CA_FILES')),
    trustSandboxCa,
    adminApi: flag(env, 'OPENSTET_ADMIN_API', trustSandboxCa),
    tlsCertFile: env.OPENSTET_TLS_CERT_FILE || undefined,
    tlsKeyFile: env.OPENSTET_TLS_KEY_FILE || undefined,
    sealCertFile: env.OPENSTET_SEAL_CERT_FILE || undefined,
    sealKeyFile: env.OPENSTET_SEAL_KEY_FILE || undefined,
    clientCertHeader,
    trustedProxies: Object.freeze(trustedProxies),
    logLevel: env.OPENSTET_LOG_LEVEL || 'info',
    trustCacheSeconds: seconds(env, 'OPENSTET_TRUST_CACHE_SECONDS', 5),
    clockSkewSeconds: seconds(env, 'OPENSTET_CLOCK_SKEW_SECONDS', 300),
    revocationCacheSeconds: seconds(env, 'OPENSTET_REVOCATION_CACHE_SECONDS', 300),
    revocationTimeoutMs: positiveInteger(env, 'OPENSTET_REVOCATION_TIMEOUT_MS', 2000),
    revocationSoftFail: Object.freeze(origins(env, 'OPENSTET_REVOCATION_SOFT_FAIL')),
    requirePkce: flag(env, 'OPENSTET_REQUIRE_PKCE', true),
    scaInactivitySeconds: inactivity(env),
    scaKnowledgeStep: flag(env, 'OPENSTET_SCA_KNOWLEDGE_STEP', false),
    clientCredentialsRoles: Object.freeze(roles(env)),
    coreBankingTimeoutMs: positiveInteger(env, 'OPENSTET_CORE_BANKING_TIMEOUT_MS', 2000),
    tppRateLimit: positiveInteger(env, 'OPENSTET_TPP_RATE_LIMIT', 100_000),
    psuRateLimit: positiveInteger(env, 'OPENSTET_PSU_RATE_LIMIT', 600),
    purgeIntervalSeconds: interval(env, 'OPENSTET_PURGE_INTERVAL_SECONDS', 3600),
    paymentSchedulerSeconds: interval(env, 'OPENSTET_PAYMENT_SCHEDULER_SECONDS', 30),
    establishments: served.all,
    defaultCdetab: served.defaultCode,
  });
}
