import { randomSecret } from '../../security/secrets.ts';
import type { Consent, ConsentStore } from './consent.ts';
import { roleOfScope, type Scope } from './scopes.ts';

export interface ConsentChoice {
  readonly psuId: string;
  readonly establishment: string;
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  /** The accounts the bank offered the PSU (IBANs). */
  readonly offered: readonly string[];
  /** What the PSU ticked, as sent by the browser. */
  readonly chosen: readonly string[];
  /** When the PSU's strong authentication ended: the refresh token counts its 180 days from it. */
  readonly scaAt: Date;
}

/**
 * Records what the PSU agreed to (STET Part I §3.4): only accounts the bank offered count, whatever the form
 * says; a consent needs at least one. Undefined when none was chosen.
 */
export async function giveConsent(
  consents: ConsentStore,
  choice: ConsentChoice,
): Promise<Consent | undefined> {
  const accounts = choice.offered.filter((iban) => choice.chosen.includes(iban));
  if (accounts.length === 0) return undefined;
  const consent: Consent = Object.freeze({
    id: randomSecret(),
    psuId: choice.psuId,
    establishment: choice.establishment,
    clientId: choice.clientId,
    role: roleOfScope(choice.scopes[0] ?? 'cbpii'),
    scopes: choice.scopes,
    accounts,
    scaAt: choice.scaAt,
  });
  await consents.save(consent);
  return consent;
}
