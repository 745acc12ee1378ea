import { createHash, createHmac } from 'node:crypto';

/**
 * Everything of a population that comes from its seed (`openstet sandbox populate --seed S`): the same
 * seed and establishment give the same ids, IBANs, names, balances and tokens on every run and engine.
 * Each value is HMAC-SHA256 keyed by the seed over a label naming what it is for and the establishment,
 * so two establishments populated with one seed share nothing.
 *
 * The tokens are derivable by anyone who knows the seed: a populated database is a sandbox's, never a
 * bank's (the command refuses a production database).
 */
export interface PopulationPlan {
  /** `<establishment>-<tag>`: names the population, its PSU ids and its rows. */
  readonly id: string;
  readonly establishment: string;
  readonly customers: number;
  readonly accountsPerCustomer: number;
  /** The IBANs' RIB branch code, 10000–99999: no persona's (00804, 00806, 00092, 00001) is in that range. */
  readonly branch: string;
  /** The first 3 of the 11 digits of the account numbers (100–999); the other 8 count the accounts. */
  readonly accountPrefix: string;
  /** `psu-<id>-` + the customer's ordinal (1…N). */
  readonly psuIdPrefix: string;
  /** `P<TAG>` + the ordinal on 8 digits, in capitals as the bank compares typed ids. */
  readonly onlineBankingIdPrefix: string;
  /** Hex string from which the SQL draws each customer's and account's figures (md5 of salt + ordinal). */
  readonly rowSalt: string;
  /** HMAC-SHA256's inner and outer key pads of the seed (RFC 2104), so that SQL derives the same secrets. */
  readonly hmacPads: { readonly inner: Buffer; readonly outer: Buffer };
}

/** At most 10 accounts each and 10 million customers: account numbers count on 8 digits. */
export const POPULATION_LIMITS = Object.freeze({ customers: 10_000_000, accountsPerCustomer: 10 });

const BLOCK = 64;

function hmac(seed: string, message: string): Buffer {
  return createHmac('sha256', seed).update(message).digest();
}

/** RFC 2104 §2: the key padded to the block, XOR 0x36 (inner) and 0x5c (outer); a long key is hashed first. */
function hmacPads(seed: string): { inner: Buffer; outer: Buffer } {
  const raw = Buffer.from(seed, 'utf8');
  const key = Buffer.alloc(BLOCK);
  (raw.length > BLOCK ? createHash('sha256').update(raw).digest() : raw).copy(key);
  return {
    inner: Buffer.from(key.map((byte) => byte ^ 0x36)),
    outer: Buffer.from(key.map((byte) => byte ^ 0x5c)),
  };
}

/** A number in [min, min + range) drawn from the seed for `label`. */
function drawn(seed: string, label: string, min: number, range: number): number {
  return min + (hmac(seed, label).readUInt32BE(0) % range);
}

export function populationPlan(
  seed: string,
  establishment: string,
  customers: number,
  accountsPerCustomer: number,
): PopulationPlan {
  const tag = hmac(seed, `population:${establishment}`).toString('hex').slice(0, 8);
  const id = `${establishment}-${tag}`;
  return Object.freeze({
    id,
    establishment,
    customers,
    accountsPerCustomer,
    branch: String(drawn(seed, `branch:${establishment}`, 10_000, 90_000)),
    accountPrefix: String(drawn(seed, `account-prefix:${establishment}`, 100, 900)),
    psuIdPrefix: `psu-${id}-`,
    onlineBankingIdPrefix: `P${tag.toUpperCase()}`,
    rowSalt: hmac(seed, `rows:${establishment}`).toString('hex'),
    hmacPads: Object.freeze(hmacPads(seed)),
  });
}

/** What a populated secret is for; the SQL derives the same (`store/ledger-population-sql.ts`). */
export type PopulatedSecret = 'access' | 'refresh' | 'consent' | 'pair';

/**
 * The customer's secret of this kind: base64url of HMAC-SHA256(seed, `<kind>:<establishment>:<ordinal>`),
 * 256 bits as the bank's random ones. Stored hashed like every token (`hashSecret`).
 */
export function populatedSecret(
  seed: string,
  kind: PopulatedSecret,
  establishment: string,
  ordinal: number,
): string {
  return hmac(seed, `${kind}:${establishment}:${ordinal}`).toString('base64url');
}
