import type { PaymentRequest } from '../payments/payment-request.ts';

/** The outcome of recording a new request under the initiator's reference (idempotency, 24 h). */
export type RecordOutcome =
  | { readonly recorded: PaymentRequest }
  /** The same initiator used this `paymentInformationId` less than 24 hours ago: that request. */
  | { readonly existing: PaymentRequest };

/** What a change may set; `revision` is bumped by the store. */
export type PaymentChange = Partial<
  Pick<
    PaymentRequest,
    | 'status'
    | 'reason'
    | 'instructions'
    | 'approval'
    | 'approvalDeadline'
    | 'confirmedAt'
    | 'modification'
    | 'document'
  >
>;

/**
 * Where openstet keeps payment requests (openstet's own state, not the bank's books). Every change is ONE
 * conditional update on the revision read: of two nodes changing the same request at once (two
 * confirmations racing), one changes it and the other gets `undefined` and re-reads.
 */
export interface PaymentRequestStore {
  /**
   * Records `request` unless the same client recorded the same `paymentInformationId` since `reusableAfter`
   * (24 h before now), atomically: two posts racing create one request.
   */
  record(request: PaymentRequest, reusableAfter: Date): Promise<RecordOutcome>;
  /** The request with this id at this establishment, or undefined. */
  find(establishment: string, id: string): Promise<PaymentRequest | undefined>;
  /** Applies `change` if the request is still at `revision`; the changed request, or undefined if it moved. */
  change(request: PaymentRequest, change: PaymentChange): Promise<PaymentRequest | undefined>;
  /**
   * Ids of requests the scheduler must look at on `today` (`YYYY-MM-DD`): accepted ones with an execution
   * due or a debit not yet booked, and received or approved ones past their deadline. At most `limit`, in
   * id order after `after`: the scheduler pages through them all, so no request waits behind others.
   */
  dueForScheduler(
    today: string,
    now: Date,
    limit: number,
    after?: string,
  ): Promise<ReadonlyArray<{ establishment: string; id: string }>>;
}
