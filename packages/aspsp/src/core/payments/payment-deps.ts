import type { CoreBanking } from '../ports/core-banking.ts';
import type { PaymentRequestStore } from '../ports/payment-store.ts';

/** What the payment use cases need: openstet's requests, the bank's books, the clock. */
export interface PaymentDeps {
  readonly payments: PaymentRequestStore;
  readonly coreBanking: CoreBanking;
  readonly now: () => Date;
}
