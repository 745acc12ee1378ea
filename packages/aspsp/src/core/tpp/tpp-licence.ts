import type { Psd2Role } from '@openstet/protocol';

/** A TPP's entry in the register of licensed payment institutions (REGAFI in France, the EBA register). */
export interface TppLicence {
  readonly organizationIdentifier: string;
  readonly name: string;
  readonly ncaName: string;
  readonly ncaId: string;
  readonly roles: readonly Psd2Role[];
  readonly status: 'licensed' | 'withdrawn';
}

/** Where licences are kept: the store implements it. */
export interface TppRegistry {
  find(organizationIdentifier: string): Promise<TppLicence | undefined>;
  save(licence: TppLicence): Promise<void>;
  list(): Promise<TppLicence[]>;
}
