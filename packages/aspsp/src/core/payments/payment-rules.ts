/**
 * The bank's published limits and delays of payment initiation (STET CR191: "each ASPSP sets a maximum"
 * of instructions; Part I §4.4: an unanswered request expires after a delay the ASPSP sets; STET: the
 * status stays retrievable at least 30 calendar days).
 */
export const PAYMENT_RULES = Object.freeze({
  /** Instructions in one request (bulk). */
  maxInstructions: 10,
  /** The PSU has this long from the request's creation to approve it; then it is rejected as unanswered. */
  approvalMinutes: 15,
  /** The same `paymentInformationId` from the same initiator within this delay is the same request. */
  idempotencyHours: 24,
  /** How far ahead an execution date may be. */
  maxDaysAhead: 365,
  /** How long a request stays readable after it was created (STET: at least 30 days). */
  keptDays: 400,
});
