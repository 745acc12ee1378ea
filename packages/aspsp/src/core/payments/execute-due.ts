import { type CoreBanking, CoreBankingUnavailable } from '../ports/core-banking.ts';
import type { PaymentOrder } from '../ports/payment-execution.ts';
import { instructionStatus } from './payment-progress.ts';
import type { PaymentInstruction, PaymentRequest } from './payment-request.ts';
import { executionDate } from './standing-order.ts';

/** The debit's label on the PSU's account: the payee and the remittance, as online banking shows them. */
function orderLabel(instruction: PaymentInstruction): string {
  return `VIR SEPA ${instruction.creditor.name} ${instruction.remittance}`.trim().slice(0, 140);
}

/** The order of the `n`th execution of an instruction: its id is derived, so a retry sends the same one. */
function orderOf(
  request: PaymentRequest,
  index: number,
  instruction: PaymentInstruction,
  date: string,
): PaymentOrder {
  return {
    orderId: `${request.id}.${index}.${instruction.executions}`,
    establishment: request.establishment,
    debtorIban: request.approval?.debtorIban ?? '',
    amount: instruction.amount,
    creditorName: instruction.creditor.name,
    creditorIban: instruction.creditor.iban,
    label: orderLabel(instruction),
    instant: request.instant,
    executionDate: date,
  };
}

/**
 * Asks the books again about the debits still pending: booked ones leave the list, one the books refused
 * (or took back) rejects a one-off payment with their reason; an order they do not know stays pending
 * (asked again at the next tick, never taken for booked).
 */
async function settled(
  coreBanking: CoreBanking,
  instruction: PaymentInstruction,
): Promise<PaymentInstruction> {
  const pendingOrders: string[] = [];
  for (const orderId of instruction.pendingOrders) {
    const state = await coreBanking.orderState(orderId);
    if (state?.state === 'rejected' && !instruction.standingOrder)
      return {
        ...instruction,
        status: 'rejected',
        reason: state.reason,
        pendingOrders: [],
        nextExecutionDate: undefined,
      };
    if (state === undefined || state.state === 'pending') pendingOrders.push(orderId);
  }
  return { ...instruction, pendingOrders };
}

/**
 * Runs one instruction's executions due by `today` (`YYYY-MM-DD`). A one-off payment the books refuse is
 * rejected with their reason; a standing order goes on to its next date (one execution refused, not the
 * order).
 */
async function executeInstruction(
  coreBanking: CoreBanking,
  request: PaymentRequest,
  index: number,
  start: PaymentInstruction,
  today: string,
): Promise<PaymentInstruction> {
  let instruction = await settled(coreBanking, start);
  if (instruction.status === 'rejected') return instruction;
  while (instruction.nextExecutionDate !== undefined && instruction.nextExecutionDate <= today) {
    const order = orderOf(request, index, instruction, instruction.nextExecutionDate);
    const outcome = await coreBanking.executePayment(order);
    if (outcome.state === 'rejected' && !instruction.standingOrder)
      return { ...instruction, status: 'rejected', reason: outcome.reason, nextExecutionDate: undefined };
    const executions = instruction.executions + 1;
    instruction = {
      ...instruction,
      executions,
      pendingOrders:
        outcome.state === 'pending'
          ? [...instruction.pendingOrders, order.orderId]
          : instruction.pendingOrders,
      nextExecutionDate: executionDate(instruction.executionDate, instruction.standingOrder, executions),
    };
  }
  return { ...instruction, status: instructionStatus(instruction) };
}

/**
 * Executes what is due on a confirmed request by `today`, instruction by instruction, and asks the books
 * about debits still pending. When the books stop answering, what was done so far is returned and the
 * rest stays due: the scheduler sends the same orders again (idempotent, `payment-execution.ts`).
 */
export async function executeDue(
  coreBanking: CoreBanking,
  request: PaymentRequest,
  today: string,
): Promise<readonly PaymentInstruction[]> {
  const instructions = [...request.instructions];
  for (const [index, instruction] of instructions.entries()) {
    if (instruction.status === 'rejected' || instruction.status === 'settled') continue;
    try {
      instructions[index] = await executeInstruction(coreBanking, request, index, instruction, today);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) break;
      throw error;
    }
  }
  return instructions;
}
