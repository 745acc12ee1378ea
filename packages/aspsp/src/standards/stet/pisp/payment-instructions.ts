import type { StetVersion } from '@openstet/protocol';
import type { InstructionAsked } from '../../../core/payments/initiate-payment.ts';
import type { Creditor } from '../../../core/payments/payment-request.ts';
import { Errors } from '../../../http/api-error.ts';
import { accountIban } from '../account-iban.ts';
import { checkedAmount } from '../checked-amount.ts';
import { executionDay, standingOrderOf } from './execution-schedule.ts';

type Json = Readonly<Record<string, unknown>>;

/** The instructions of a request, and where each one's execution date came from (to name it in a refusal). */
export interface ParsedInstructions {
  readonly instructions: readonly InstructionAsked[];
  /** `creditTransferTransaction[i].requestedExecutionDate`, or `requestedExecutionDate` when set once for all. */
  readonly dateFields: readonly string[];
}

/**
 * The payee: the instruction's beneficiary, or the request's when all instructions pay one (STET §4.5: "case
 * of one single beneficiary, this beneficiary must be set at the payment level"), named and paid by IBAN.
 */
function creditorOf(body: Json, instruction: Json, field: string): Creditor {
  const at = instruction.beneficiary !== undefined ? `${field}.beneficiary` : 'beneficiary';
  const beneficiary = (instruction.beneficiary ?? body.beneficiary) as Json | undefined;
  if (!beneficiary)
    throw Errors.invalidBody(
      `${field}.beneficiary is missing: set it on each instruction, or once at payment level`,
    );
  const name = ((beneficiary.creditor as Json).name as string).trim();
  if (name === '') throw Errors.invalidBody(`${at}.creditor.name is missing: the name of the beneficiary`);
  if (beneficiary.creditorAccount === undefined)
    throw Errors.incorrectAccount(`${at}.creditorAccount.iban is missing: the IBAN of the beneficiary`);
  const iban = accountIban(beneficiary.creditorAccount as Json, `${at}.creditorAccount`);
  const bicFi = (beneficiary.creditorAgent as Json | undefined)?.bicFi as string | undefined;
  return { name, iban, bicFi };
}

/** The unstructured remittance lines joined (1.4.0.47 `string[]`, 1.4.2 `{ unstructured }`): at most 140 characters. */
function remittanceOf(instruction: Json, field: string, version: StetVersion): string {
  const given = instruction.remittanceInformation;
  const lines = (version === 'v1' ? given : (given as Json | undefined)?.unstructured) as
    | string[]
    | undefined;
  const remittance = (lines ?? []).join(' ').trim();
  if (remittance.length > 140)
    throw Errors.invalidBody(`${field}.remittanceInformation holds more than 140 characters`);
  return remittance;
}

/** One instruction at `field`: its amount in EUR, payee, remittance, execution date and standing order. */
function instructionOf(body: Json, instruction: Json, field: string, version: StetVersion) {
  if (instruction.instructedAmount === undefined)
    throw Errors.invalidBody(
      `${field}.instructedAmount is missing: { "currency": "EUR", "amount": "123.45" }`,
    );
  const amount = checkedAmount(instruction.instructedAmount as Json, `${field}.instructedAmount`);
  if (amount.currency !== 'EUR')
    throw Errors.currencyNotAllowed(
      `${field}.instructedAmount.currency must be EUR: SEPA credit transfers are in euros`,
    );
  for (const conversion of ['equivalentAmount', 'exchangeRateInformation'])
    if (instruction[conversion] !== undefined)
      throw Errors.currencyNotAllowed(`${field}.${conversion}: this bank does not convert currencies`);
  const own = instruction.requestedExecutionDate !== undefined;
  const dateField = own ? `${field}.requestedExecutionDate` : 'requestedExecutionDate';
  const date = (own ? instruction.requestedExecutionDate : body.requestedExecutionDate) as string | undefined;
  const paymentId = instruction.paymentId as Json;
  const asked: InstructionAsked = {
    instructionId: paymentId.instructionId as string,
    endToEndId: paymentId.endToEndId as string | undefined,
    amount,
    creditor: creditorOf(body, instruction, field),
    remittance: remittanceOf(instruction, field, version),
    executionDate: date === undefined ? undefined : executionDay(date, dateField),
    standingOrder: standingOrderOf(instruction, field),
  };
  return { asked, dateField };
}

/**
 * The instructions of a PaymentRequestResource the schema accepted, as the core takes them; 400 naming the
 * field for what this bank does not do: an amount in another currency than EUR, or converted (AM03); a
 * payee not named by IBAN (AC01); two instructions under one `instructionId` (cancellations name instructions
 * by it); a standing order among other instructions (STET: "A standing order request must embed one single
 * payment instruction"); `numberOfTransactions` that does not count the instructions.
 */
export function parseInstructions(body: Json, version: StetVersion): ParsedInstructions {
  const list = body.creditTransferTransaction as readonly Json[];
  if (body.numberOfTransactions !== list.length)
    throw Errors.invalidBody(
      `numberOfTransactions must be the number of creditTransferTransaction items: ${list.length}`,
    );
  const parsed = list.map((instruction, index) =>
    instructionOf(body, instruction, `creditTransferTransaction[${index}]`, version),
  );
  const ids = new Set<string>();
  for (const [index, { asked }] of parsed.entries()) {
    const field = `creditTransferTransaction[${index}]`;
    if (ids.has(asked.instructionId))
      throw Errors.invalidBody(
        `${field}.paymentId.instructionId is the id of another instruction of the request`,
      );
    ids.add(asked.instructionId);
    if (asked.standingOrder && list.length > 1)
      throw Errors.invalidBody(`${field}.frequency: a standing order is a request of one instruction (STET)`);
  }
  return {
    instructions: parsed.map(({ asked }) => asked),
    dateFields: parsed.map(({ dateField }) => dateField),
  };
}
