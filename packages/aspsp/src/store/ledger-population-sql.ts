import { type RawBuilder, sql } from 'kysely';
import {
  BALANCE_BANDS,
  BLOCKED_PER_1000,
  CLOSED_PER_1000,
  FIRST_NAMES,
  LAST_NAMES,
  OVERDRAFT_PER_100_OTHERS,
  OVERDRAFT_PER_100_OVERDRAWN,
  OVERDRAFT_TIERS_CENTS,
  PENDING_DEBITS_MAX_CENTS,
  PENDING_DEBITS_PER_100,
  POPULATION_CURRENCY,
  PROFESSIONAL_SEGMENTS,
  SEGMENTS,
  TERMINATED_PER_1000,
} from '../bank/sandbox/population-profile.ts';
import type { PopulatedSecret, PopulationPlan } from '../bank/sandbox/population-seed.ts';

/*
 * The bulk statements of `openstet sandbox populate`: each table in one `insert … select … from
 * generate_series(…)`, so that a million accounts never cross the wire. Every figure is drawn from
 * md5(row salt, kind, ordinal) — four unsigned 32-bit numbers a, b, c, d per row — and every secret is
 * HMAC-SHA256(seed, …) computed with the key pads of `population-seed.ts`: integer arithmetic, md5 and
 * sha256 give the same rows on PostgreSQL and PGlite. Raw SQL is not renamed by the CamelCasePlugin and
 * not put in the store's schema by Kysely: tables are named with their schema here.
 */

const table = (schema: string, name: string) => sql.table(`${schema}.${name}`);

/** A text parameter typed in the statement: PostgreSQL cannot guess the type of `$1 || $2`. */
const text = (value: string) => sql`${value}::text`;

/** The four 32-bit draws of one row, as columns a, b, c, d of a lateral subquery. */
function draws(salt: string, kind: string, ordinal: RawBuilder<unknown>): RawBuilder<unknown> {
  const hex = (from: number) => sql`('x' || substr(h.md5, ${sql.lit(from)}, 8))::bit(32)::bigint`;
  // `offset 0` keeps each subquery a subquery: pulled up into the outer query, its expressions would be
  // evaluated again at every reference (one md5 per use of a, b, c or d instead of one per row).
  return sql`cross join lateral (select md5(${text(`${salt}:${kind}:`)} || ${ordinal}) as md5 offset 0) h
    cross join lateral (select ${hex(1)} as a, ${hex(9)} as b, ${hex(17)} as c, ${hex(25)} as d offset 0) r`;
}

/** `value` (0…99 or 0…999) falls in the band of `shares`, in order: a SQL case over running totals. */
function pick(
  value: RawBuilder<unknown>,
  shares: readonly number[],
  results: readonly RawBuilder<unknown>[],
) {
  let total = 0;
  const branches = shares.slice(0, -1).map((share, index) => {
    total += share;
    return sql`when ${value} < ${sql.lit(total)} then ${results[index]}`;
  });
  return sql`case ${sql.join(branches, sql` `)} else ${results.at(-1)} end`;
}

const base64url = (bytes: RawBuilder<unknown>) => sql`translate(encode(${bytes}, 'base64'), '+/=', '-_')`;

/** HMAC-SHA256(seed, `<kind>:<establishment>:<ordinal>`), base64url: `populatedSecret` in SQL (RFC 2104). */
export function secretSql(plan: PopulationPlan, kind: PopulatedSecret, ordinal: RawBuilder<unknown>) {
  const message = sql`convert_to(${text(`${kind}:${plan.establishment}:`)} || ${ordinal}::text, 'UTF8')`;
  const { inner, outer } = plan.hmacPads;
  return base64url(sql`sha256(${outer}::bytea || sha256(${inner}::bytea || ${message}))`);
}

/** `hashSecret` in SQL: base64url of SHA-256 of the secret's UTF-8 bytes, as tokens are stored. */
export const hashSql = (secret: RawBuilder<unknown>) => base64url(sql`sha256(convert_to(${secret}, 'UTF8'))`);

/** Customers 1…N: ids from the plan, names and segment drawn, a fixed share of subscriptions terminated. */
export function insertCustomers(schema: string, plan: PopulationPlan): RawBuilder<unknown> {
  const ordinal = sql`g.ordinal`;
  const segment = pick(
    sql`r.c % 100`,
    SEGMENTS.map((segment) => segment.per100),
    SEGMENTS.map((segment) => sql.lit(segment.name)),
  );
  return sql`insert into ${table(schema, 'sandbox_customers')}
      (psu_id, establishment, online_banking_id, first_name, last_name, segment, subscription, population_id, ordinal)
    select ${text(plan.psuIdPrefix)} || g.ordinal, ${text(plan.establishment)},
      ${text(plan.onlineBankingIdPrefix)} || lpad(g.ordinal::text, 8, '0'),
      (${FIRST_NAMES}::text[])[1 + r.a % ${sql.lit(FIRST_NAMES.length)}],
      (${LAST_NAMES}::text[])[1 + r.b % ${sql.lit(LAST_NAMES.length)}],
      ${segment},
      case when r.d % 1000 < ${sql.lit(TERMINATED_PER_1000)} then 'terminated' else 'active' end,
      ${text(plan.id)}, g.ordinal
    from generate_series(1, ${sql.lit(plan.customers)}) as g(ordinal)
    ${draws(plan.rowSalt, 'customer', ordinal)}`;
}

/**
 * The customers' accounts, K each, numbered 0…N×K−1 in customer order: the 11-digit RIB account number is
 * the plan's prefix and that number on 8 digits, the IBAN that of `frenchIban` (RIB key, ISO 7064 check
 * digits) computed in SQL. Status, balance, pending card debits and overdraft follow the profile's shares.
 */
export function insertAccounts(schema: string, plan: PopulationPlan): RawBuilder<unknown> {
  const k = sql.lit(plan.accountsPerCustomer);
  const balance = pick(
    sql`r.a % 100`,
    BALANCE_BANDS.map((band) => band.per100),
    BALANCE_BANDS.map((band) => sql`${sql.lit(band.from)} + r.b % ${sql.lit(band.span + 1)}`),
  );
  const tier = sql`(${OVERDRAFT_TIERS_CENTS}::bigint[])[1 + (r.d / 100) % ${sql.lit(OVERDRAFT_TIERS_CENTS.length)}]`;
  return sql`insert into ${table(schema, 'sandbox_accounts')}
      (iban, psu_id, account_number, name, currency, status, accounting_balance, pending_card_debits,
       authorised_overdraft)
    select 'FR' || lpad((98 - ((rib.bban || '152700')::numeric % 97))::text, 2, '0') || rib.bban,
      n.psu_id, ${text(`${plan.branch.slice(-3)}-CPT`)} || n.account, n.name, ${text(POPULATION_CURRENCY)}, s.status,
      case when s.status = 'closed' then 0 else s.balance end,
      case when s.status <> 'closed' and r.c % 100 < ${sql.lit(PENDING_DEBITS_PER_100)}
        then (r.c / 100) % ${sql.lit(PENDING_DEBITS_MAX_CENTS + 1)} else 0 end,
      case when s.status = 'closed' then 0
        when r.d % 100 < case when s.balance < 0 then ${sql.lit(OVERDRAFT_PER_100_OVERDRAWN)}
          else ${sql.lit(OVERDRAFT_PER_100_OTHERS)} end then ${tier} else 0 end
    from ${table(schema, 'sandbox_customers')} c
    cross join generate_series(0, ${k} - 1) as j(rank)
    cross join lateral (select (c.ordinal - 1) * ${k} + j.rank as number) seq
    ${draws(plan.rowSalt, 'account', sql`seq.number`)}
    cross join lateral (select c.psu_id, ${text(plan.accountPrefix)} || lpad(seq.number::text, 8, '0') as account,
      case when c.segment = any(${PROFESSIONAL_SEGMENTS}::text[]) then 'Compte courant pro'
        else 'Compte à vue' end as name) n
    cross join lateral (select ${text(plan.establishment + plan.branch)} || n.account || lpad((97 - (
      ${sql.lit(89 * Number(plan.establishment) + 15 * Number(plan.branch))} + 3 * n.account::bigint) % 97)::text,
      2, '0') as bban) rib
    cross join lateral (select
      case when (r.a / 100) % 1000 < ${sql.lit(CLOSED_PER_1000)} then 'closed'
        when (r.a / 100) % 1000 < ${sql.lit(CLOSED_PER_1000 + BLOCKED_PER_1000)} then 'blocked'
        else 'open' end as status,
      ${balance} as balance) s
    where c.population_id = ${plan.id}`;
}

/** The TPP a population's consents and tokens are for: its QWAC's organizationIdentifier and fingerprint. */
export interface PopulationTpp {
  readonly clientId: string;
  /** RFC 8705 §3 `x5t#S256` of the QWAC, lower-case hex: the access tokens are bound to it. */
  readonly certificateThumbprint: string;
}

export interface TokenTimes {
  readonly now: Date;
  readonly accessExpiresAt: Date;
  readonly refreshExpiresAt: Date;
}

/**
 * For each customer, a cbpii consent on all their accounts (`giveConsent` as if the customer ticked them
 * all) and one token pair for the TPP (`issueTokenPair`): ids and tokens derived from the seed, the
 * tokens stored hashed, the access token bound to the TPP's QWAC.
 */
export function insertConsentsAndTokens(
  schema: string,
  plan: PopulationPlan,
  tpp: PopulationTpp,
  times: TokenTimes,
): RawBuilder<unknown> {
  const ordinal = sql`ids.ordinal`;
  return sql`with held as (
      select c.ordinal, c.psu_id, array_agg(a.iban order by a.account_number) as accounts
      from ${table(schema, 'sandbox_customers')} c
      join ${table(schema, 'sandbox_accounts')} a on a.psu_id = c.psu_id
      where c.population_id = ${plan.id}
      group by c.ordinal, c.psu_id
    ), ids as (
      select held.*, ${secretSql(plan, 'consent', sql`held.ordinal`)} as consent_id from held
    ), consented as (
      insert into ${table(schema, 'consents')}
        (id, psu_id, establishment, client_id, role, scopes, accounts, sca_at, created_at)
      select consent_id, psu_id, ${text(plan.establishment)}, ${text(tpp.clientId)}, 'cbpii', array['cbpii'],
        accounts, ${times.now}::timestamptz, ${times.now}::timestamptz
      from ids
    )
    insert into ${table(schema, 'token_pairs')}
      (id, access_hash, refresh_hash, client_id, establishment, role, scopes, psu_id, consent_id, accounts,
       certificate_thumbprint, access_expires_at, refresh_expires_at, created_at)
    select ${secretSql(plan, 'pair', ordinal)}, ${hashSql(secretSql(plan, 'access', ordinal))},
      ${hashSql(secretSql(plan, 'refresh', ordinal))}, ${text(tpp.clientId)}, ${text(plan.establishment)},
      'cbpii', array['cbpii'], ids.psu_id, ids.consent_id, ids.accounts, ${text(tpp.certificateThumbprint)},
      ${times.accessExpiresAt}::timestamptz, ${times.refreshExpiresAt}::timestamptz, ${times.now}::timestamptz
    from ids`;
}
