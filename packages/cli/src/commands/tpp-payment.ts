import type { PaymentRequestStatus } from '@openstet/tpp';
import { Command } from 'commander';
import { EXIT } from '../exit-codes.ts';
import { collect } from '../options.ts';
import { paintFor } from '../output.ts';
import { type PaymentOptions, withPaymentOptions, withPaymentSession } from '../tpp/payment-options.ts';
import { printPayment, printPaymentJson } from '../tpp/payment-output.ts';

interface CancelOptions extends PaymentOptions {
  readonly instruction: readonly string[];
}

function show(payment: PaymentRequestStatus, options: PaymentOptions, more: Record<string, unknown> = {}) {
  if (options.json) printPaymentJson(payment, more);
  else printPayment(payment);
}

const showCommand = (id: string, options: PaymentOptions) =>
  withPaymentSession(options, async ({ bank, version }) => {
    show(await bank.getPaymentRequest(id, { version }), options);
  });

const confirmCommand = (id: string, options: PaymentOptions) =>
  withPaymentSession(options, async ({ bank, version }) => {
    const confirmed = await bank.confirm(id, { version });
    if (confirmed.status === 'RJCT') process.exitCode = EXIT.failure;
    show(confirmed, options);
  });

/** STET: a `PUT` of the resource with RJCT / DS02; then the status, and where the customer approves it if asked. */
const cancelCommand = (id: string, options: CancelOptions) =>
  withPaymentSession(options, async ({ bank, version }) => {
    const instructions = options.instruction.length > 0 ? { instructions: options.instruction } : {};
    const { approvalUrl } = await bank.cancel(id, { version, ...instructions });
    const payment = await bank.getPaymentRequest(id, { version });
    if (options.json) return show(payment, options, { cancellationApprovalUrl: approvalUrl ?? null });
    if (approvalUrl) {
      const paint = paintFor(process.stdout);
      process.stdout.write(
        `${paint.yellow('The cancellation waits for the customer')}: they approve it at\n  ${approvalUrl}\nthen confirm it: openstet tpp payment confirm ${id}\n`,
      );
    }
    show(payment, options);
  });

export function tppPaymentCommand(): Command {
  const payment = new Command('payment').description(
    'a payment request you initiated: show, confirm, cancel',
  );
  payment.addCommand(
    withPaymentOptions(
      new Command('show')
        .description('the request and its statuses (GET /payment-requests/{id})')
        .argument('<id>', 'the id `tpp pay` printed (the last segment of the Location)'),
    ).action(showCommand),
  );
  payment.addCommand(
    withPaymentOptions(
      new Command('confirm')
        .description('confirm a request the customer approved (POST …/confirmation): the bank executes it')
        .argument('<id>', 'the payment request id'),
    ).action(confirmCommand),
  );
  payment.addCommand(
    withPaymentOptions(
      new Command('cancel')
        .description('cancel the request, or some instructions (PUT with RJCT / DS02)')
        .argument('<id>', 'the payment request id')
        .option('--instruction <id>', 'cancel this instructionId only; repeat for several', collect, []),
    ).action(cancelCommand),
  );
  return payment.addHelpText(
    'after',
    `
Exit code: 0 done, 1 refused by the bank (e.g. 409 CONFLICT: confirmed already, or settled), 2 usage error.

Examples:
  $ npx openstet tpp payment show 6a1c0e9f2b3d4c5e6f708192a3b4c5d6
  $ npx openstet tpp payment confirm 6a1c0e9f2b3d4c5e6f708192a3b4c5d6 --json
  $ npx openstet tpp payment cancel 6a1c0e9f2b3d4c5e6f708192a3b4c5d6 --api-version v1`,
  );
}
