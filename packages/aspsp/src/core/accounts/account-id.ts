import { createHmac } from 'node:crypto';

/** Whose id: an account's id is the same for one AISP at one establishment, and differs for another AISP. */
export interface AccountIdScope {
  readonly establishment: string;
  readonly clientId: string;
}

/**
 * An account's `accountResourceId` (ADR 0006): opaque, never the IBAN (an IBAN in a path ends up in proxy
 * and TPP logs), derived from the account, its establishment and the AISP alone, so it stays the same
 * across consents and 180-day renewals while two AISPs cannot match their customers by it. Keyed with a
 * bank secret: nobody can compute an IBAN's id, or an id's IBAN, without the bank. 80 bits in hex: within
 * STET's resource id pattern (1 to 35 letters or digits).
 */
export function accountResourceId(key: Uint8Array, scope: AccountIdScope, iban: string): string {
  return createHmac('sha256', key)
    .update(`account ${scope.establishment} ${scope.clientId} ${iban}`)
    .digest('hex')
    .slice(0, 20);
}
