import type { ConsentStore } from '../../core/consent/consent.ts';
import type { ConsentRole } from '../../core/consent/scopes.ts';
import type { CodeStore, TokenStore } from '../../core/tokens/token-pair.ts';
import type { TppLicence } from '../../core/tpp/tpp-licence.ts';

export interface GrantDeps {
  readonly tokens: TokenStore;
  readonly codes: CodeStore;
  readonly consents: ConsentStore;
  readonly licence: (clientId: string) => Promise<TppLicence | undefined>;
  /** Roles the bank lets TPPs reach with client credentials (STET: PISP; CBPII at the bank's choice). */
  readonly clientCredentialsRoles: readonly ConsentRole[];
  readonly now: () => Date;
}

export type TokenParameters = Readonly<Record<string, string | undefined>>;
