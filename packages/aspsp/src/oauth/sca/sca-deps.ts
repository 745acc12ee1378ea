import type { CoreBanking } from '../../bank/core-banking.ts';
import type { StrongAuthentication } from '../../bank/strong-authentication.ts';
import type { ClientRegistry } from '../../domain/client-registration.ts';
import type { ConsentStore } from '../../domain/consent.ts';
import type { ScaAttempts } from '../../domain/sca-attempts.ts';
import type { ScaSessionStore } from '../../domain/sca-session.ts';
import type { CodeStore } from '../../domain/token-pair.ts';
import type { TppLicence } from '../../domain/tpp-licence.ts';
import type { Endpoints } from '../../services.ts';

/** What the authorization endpoint and the PSU pages need. */
export interface ScaDeps {
  readonly clients: ClientRegistry;
  readonly licence: (clientId: string) => Promise<TppLicence | undefined>;
  readonly sessions: ScaSessionStore;
  readonly scaAttempts: ScaAttempts;
  readonly consents: ConsentStore;
  readonly codes: CodeStore;
  readonly coreBanking: CoreBanking;
  readonly strongAuthentication: StrongAuthentication;
  /** `publicUrl` is the issuer identifier sent as `iss` with every response (RFC 9207 §2). */
  readonly endpoints: Endpoints;
  readonly requirePkce: boolean;
  readonly inactivitySeconds: number;
  readonly sandbox: boolean;
  readonly now: () => Date;
}
