import { createHash } from 'node:crypto';
import type { PaymentInstruction } from './payment-request.ts';

/**
 * What the PSU's authentication is bound to (RTS Art. 5, dynamic linking): the debtor account, and for
 * every instruction still to pay its amount, payee and dates. The SCA pages show exactly these; a request
 * whose binding changed since the PSU approved it needs a new approval (Art. 5(3)).
 */
export function paymentBinding(debtorIban: string, instructions: readonly PaymentInstruction[]): string {
  const payable = instructions
    .filter((instruction) => instruction.status !== 'rejected')
    .map((instruction) => [
      instruction.instructionId,
      instruction.amount.currency,
      instruction.amount.minorUnits.toString(),
      instruction.creditor.iban,
      instruction.creditor.name,
      instruction.executionDate,
      instruction.standingOrder?.frequency ?? '',
      instruction.standingOrder?.endDate ?? '',
    ]);
  return createHash('sha256')
    .update(JSON.stringify([debtorIban, payable]))
    .digest('base64url');
}
