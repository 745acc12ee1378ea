type Json = Record<string, unknown>;

/** PaymentRequestResource fields only the bank sets (STET §4.6: the request "enriched with" ids and statuses). */
const REQUEST_FIELDS = [
  'resourceId',
  'paymentInformationStatus',
  'statusReasonInformation',
  'fundsAvailability',
  'booking',
];
const INSTRUCTION_FIELDS = ['transactionStatus', 'statusReasonInformation'];

function without(object: unknown, fields: readonly string[]): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => !fields.includes(key)));
}

/**
 * A PaymentRequestResource without what the bank sets: the resource ids, the statuses and reasons, funds
 * availability and booking (CR179/CR180), the applied authentication approach. What a PISP sent there is
 * not kept (the bank answers its own), and a `PUT` echoing a `GET` is compared without them.
 */
export function withoutBankFields(resource: Json): Json {
  const kept = without(resource, REQUEST_FIELDS) as Json;
  const instructions = Array.isArray(kept.creditTransferTransaction) ? kept.creditTransferTransaction : [];
  return {
    ...kept,
    ...(kept.supplementaryData !== undefined
      ? { supplementaryData: without(kept.supplementaryData, ['appliedAuthenticationApproach']) }
      : {}),
    creditTransferTransaction: instructions.map((instruction: unknown) => {
      const rest = without(instruction, INSTRUCTION_FIELDS) as Json;
      return rest.paymentId === undefined
        ? rest
        : { ...rest, paymentId: without(rest.paymentId, ['resourceId']) };
    }),
  };
}
