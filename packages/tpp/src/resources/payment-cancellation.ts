type Json = Record<string, unknown>;

/**
 * A cancellation as STET writes it (`PUT /payment-requests/{id}`): the whole resource as the bank gave it,
 * with `paymentInformationStatus: RJCT` and `statusReasonInformation: DS02` to cancel it all, or
 * `transactionStatus: RJCT` and `DS02` on the instructions to cancel ("No other modification … is allowed").
 */
export function withCancellation(resource: Json, instructions: readonly string[] | undefined): Json {
  if (instructions === undefined)
    return { ...resource, paymentInformationStatus: 'RJCT', statusReasonInformation: 'DS02' };
  const list = (
    Array.isArray(resource.creditTransferTransaction) ? resource.creditTransferTransaction : []
  ) as Json[];
  const idOf = (item: Json) => String((item.paymentId as Json | undefined)?.instructionId);
  const unknown = instructions.filter((id) => !list.some((item) => idOf(item) === id));
  if (unknown.length > 0) throw new TypeError(`No instruction ${unknown.join(', ')} in this payment request`);
  const cancel = (item: Json) =>
    instructions.includes(idOf(item))
      ? { ...item, transactionStatus: 'RJCT', statusReasonInformation: 'DS02' }
      : item;
  return { ...resource, creditTransferTransaction: list.map(cancel) };
}
