import type { ConsentStore } from '../../core/consent/consent.ts';
import type { CoreBanking } from '../../core/ports/core-banking.ts';
import type { PaymentRequestStore } from '../../core/ports/payment-store.ts';
import type { StrongAuthentication } from '../../core/ports/strong-authentication.ts';
import type { ScaAttempts } from '../../core/sca/sca-attempts.ts';
import type { ScaSessionStore } from '../../core/sca/sca-session.ts';
import type { CodeStore } from '../../core/tokens/token-pair.ts';
import type { ClientRegistry } from '../../core/tpp/client-registration.ts';
import type { TppLicence } from '../../core/tpp/tpp-licence.ts';

/** What the authorization endpoint and the PSU pages need. */
export interface ScaDeps {
  readonly clients: ClientRegistry;
  readonly licence: (clientId: string) => Promise<TppLicence | undefined>;
  readonly sessions: ScaSessionStore;
  readonly scaAttempts: ScaAttempts;
  readonly consents: ConsentStore;
  readonly codes: CodeStore;
  readonly coreBanking: CoreBanking;
  /** The payment requests the PSU approves on the same pages (`/payment-approval/:id`). */
  readonly payments: PaymentRequestStore;
  readonly strongAuthentication: StrongAuthentication;
  readonly requirePkce: boolean;
  readonly inactivitySeconds: number;
  readonly sandbox: boolean;
  readonly now: () => Date;
}
