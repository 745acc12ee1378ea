import type { Money } from '@openstet/protocol';

/**
 * A payment request's life, as the bank keeps it whatever API standard it came through (each standard
 * names these in its own codes; STET: RCVD, ACTC, ACSP, ACSC, RJCT):
 * - `received`: waiting for the PSU to approve it on the bank's pages;
 * - `approved`: the PSU approved it (strong authentication bound to the amount and payee); waiting for
 *   the payment initiator's confirmation, without which the bank executes nothing;
 * - `accepted`: confirmed and under execution: a debit pending on the account, an execution date still
 *   to come, or a standing order running;
 * - `settled`: every execution booked;
 * - `rejected`: refused by the PSU, unanswered, cancelled, or refused by the bank at execution.
 */
export type PaymentStatus = 'received' | 'approved' | 'accepted' | 'settled' | 'rejected';

/** Why a request or an instruction was rejected. */
export type RejectionReason =
  /** The PSU refused it on the bank's pages. */
  | 'customer-refused'
  /** The PSU did not answer before the approval deadline, or left the pages idle (RTS Art. 4(3)(d)). */
  | 'no-answer'
  /** The initiator did not confirm the PSU's approval in time: nothing executes on an old approval. */
  | 'not-confirmed'
  /** The PSU failed the strong authentication (locked out, RTS Art. 4(3)(b)). */
  | 'authentication-failed'
  /** The payment initiator cancelled it. */
  | 'cancelled'
  /** The debtor account could not cover it at execution. */
  | 'insufficient-funds'
  /** The debtor account is closed or blocked, or not the PSU's. */
  | 'account-unavailable';

/** Standing orders: how often, and which working day when a date falls on a weekend. */
export type Frequency =
  | 'daily'
  | 'weekly'
  | 'two-weekly'
  | 'monthly'
  | 'two-monthly'
  | 'quarterly'
  | 'half-yearly'
  | 'yearly';
export type ExecutionRule = 'following' | 'preceding';

export interface StandingOrder {
  readonly frequency: Frequency;
  /** The last day an execution may fall on (`YYYY-MM-DD`), or none: until cancelled. */
  readonly endDate: string | undefined;
  readonly executionRule: ExecutionRule;
}

/** A party paid: the beneficiary's name and account. */
export interface Creditor {
  readonly name: string;
  readonly iban: string;
  readonly bicFi: string | undefined;
}

/** Where one instruction stands: waiting, executing, booked, or rejected. */
export type InstructionStatus = 'waiting' | 'accepted' | 'settled' | 'rejected';

/** One credit transfer of a request (a bulk request has several). */
export interface PaymentInstruction {
  /** The initiator's ids of the instruction (ISO 20022 InstructionId, EndToEndId). */
  readonly instructionId: string;
  readonly endToEndId: string | undefined;
  readonly amount: Money;
  readonly creditor: Creditor;
  /** What the PSU and the beneficiary see as the payment's reason (at most 140 characters). */
  readonly remittance: string;
  /** The first (or only) execution date (`YYYY-MM-DD`), today for an immediate payment. */
  readonly executionDate: string;
  readonly standingOrder: StandingOrder | undefined;
  readonly status: InstructionStatus;
  readonly reason: RejectionReason | undefined;
  /** The next execution still to run (`YYYY-MM-DD`), none when every execution ran. */
  readonly nextExecutionDate: string | undefined;
  /** Executions sent to the bank's books and not yet booked (their order ids). */
  readonly pendingOrders: readonly string[];
  /** How many executions ran (booked or pending); a standing order counts each. */
  readonly executions: number;
}

/** What the PSU approved: the debtor account, and the binding of the amount and payees (RTS Art. 5). */
export interface PaymentApproval {
  readonly psuId: string;
  readonly debtorIban: string;
  /** `paymentBinding` of the request as the PSU saw it; a request modified since needs a new approval. */
  readonly binding: string;
  readonly approvedAt: Date;
  /** The consent recorded with the approval: an authorization-code token issued from it may confirm. */
  readonly consentId: string;
  /** True when the bank applied an SCA exemption (trusted beneficiary, RTS Art. 13). */
  readonly exempted: boolean;
}

/** A payment request, as the bank keeps it for at least 30 days. */
export interface PaymentRequest {
  /** The bank's id of the request (the resource id given to the initiator). */
  readonly id: string;
  readonly establishment: string;
  /** The payment initiator (organisation identifier of its QWAC). */
  readonly clientId: string;
  /** The initiator's own reference; the same one within 24 h is the same request (idempotency). */
  readonly paymentInformationId: string;
  readonly createdAt: Date;
  /** Instant credit transfer (SEPA Inst): settled at confirmation, or rejected. */
  readonly instant: boolean;
  /** The debtor account the initiator named, if any; otherwise the PSU chooses it on the bank's pages. */
  readonly requestedDebtorIban: string | undefined;
  readonly instructions: readonly PaymentInstruction[];
  /** Where the PSU's browser goes after approving, and after refusing or failing. */
  readonly successUrl: string;
  readonly failureUrl: string;
  /** The initiator asked for an SCA exemption (the bank decides). */
  readonly exemptionRequested: boolean;
  readonly status: PaymentStatus;
  readonly reason: RejectionReason | undefined;
  /**
   * The deadline of the step the request waits at: the PSU's approval (then it is rejected as unanswered),
   * or, once approved, the initiator's confirmation (then rejected as not confirmed).
   */
  readonly approvalDeadline: Date;
  readonly approval: PaymentApproval | undefined;
  readonly confirmedAt: Date | undefined;
  /**
   * A cancellation asked after the request was confirmed (STET `PUT`): it needs the PSU's approval, then
   * the initiator's confirmation, like the payment itself.
   */
  readonly modification: PaymentModification | undefined;
  /** The request as the initiator sent it, kept to answer in its standard; the core never reads it. */
  readonly document: unknown;
  /** Bumped by every change: each change is one conditional update on it (`PaymentRequestStore.change`). */
  readonly revision: number;
}

/** A cancellation of some (or all) instructions of a confirmed request, waiting for the PSU and the initiator. */
export interface PaymentModification {
  /** The `instructionId`s to cancel. */
  readonly cancel: readonly string[];
  readonly requestedAt: Date;
  /** When the PSU approved it; the initiator's confirmation then applies it. */
  readonly approvedAt: Date | undefined;
  readonly approvalDeadline: Date;
}
