import { createHmac } from 'node:crypto';

/**
 * An account's `accountResourceId` (ADR 0006): opaque, never the IBAN (an IBAN in a path ends up in proxy
 * and TPP logs), and derived from the account and its establishment alone, so it stays the same across
 * consents and 180-day renewals. Keyed with a bank secret: nobody can compute an IBAN's id, or an id's IBAN,
 * without the bank. 80 bits in hex: within STET's resource id pattern (1 to 35 letters or digits).
 */
export function accountResourceId(key: Uint8Array, establishment: string, iban: string): string {
  return createHmac('sha256', key).update(`account ${establishment} ${iban}`).digest('hex').slice(0, 20);
}
