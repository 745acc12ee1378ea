import type {
  InstructionStatus,
  PaymentInstruction,
  PaymentStatus,
  RejectionReason,
} from './payment-request.ts';

/**
 * The request's status from its instructions once confirmed: rejected when every one was, settled when
 * every other one is booked to the end of its schedule, accepted while anything is left to execute or book.
 */
export function progressOf(instructions: readonly PaymentInstruction[]): {
  readonly status: PaymentStatus;
  readonly reason: RejectionReason | undefined;
} {
  const rejected = instructions.filter((instruction) => instruction.status === 'rejected');
  if (rejected.length === instructions.length) return { status: 'rejected', reason: rejected[0]?.reason };
  const open = instructions.some(
    (instruction) => instruction.status === 'accepted' || instruction.status === 'waiting',
  );
  return { status: open ? 'accepted' : 'settled', reason: undefined };
}

/** An instruction's status from where its executions stand. */
export function instructionStatus(instruction: PaymentInstruction): InstructionStatus {
  if (instruction.status === 'rejected') return 'rejected';
  const done = instruction.nextExecutionDate === undefined && instruction.pendingOrders.length === 0;
  return done ? 'settled' : 'accepted';
}

/** Every instruction not yet rejected, rejected for `reason`. */
export function rejectAll(
  instructions: readonly PaymentInstruction[],
  reason: RejectionReason,
  only?: readonly string[],
): PaymentInstruction[] {
  return instructions.map((instruction) =>
    instruction.status === 'rejected' || (only && !only.includes(instruction.instructionId))
      ? instruction
      : { ...instruction, status: 'rejected', reason, nextExecutionDate: undefined },
  );
}
