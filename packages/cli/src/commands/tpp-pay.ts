import type { CreatedPaymentRequest, PaymentOrder, StandingOrderSchedule } from '@openstet/tpp';
import { Command } from 'commander';
import { EXIT, UsageError } from '../exit-codes.ts';
import { amount, currency, iban, isoDate, port, positiveSeconds } from '../options.ts';
import { paintFor } from '../output.ts';
import { persona } from '../personas.ts';
import { startLoopbackCallback } from '../tpp/loopback-callback.ts';
import { loopbackCertificate } from '../tpp/loopback-certificate.ts';
import { openBrowser } from '../tpp/open-browser.ts';
import { type PaymentJourneyResult, runPayment } from '../tpp/payment-flow.ts';
import {
  type PaymentOptions,
  type PaymentSession,
  withPaymentOptions,
  withPaymentSession,
} from '../tpp/payment-options.ts';
import { printPayment, printPaymentJson } from '../tpp/payment-output.ts';
import { assertSandbox } from '../tpp/sandbox-metadata.ts';

interface PayOptions extends PaymentOptions {
  readonly from?: string;
  readonly to: string;
  readonly toName: string;
  readonly amount: string;
  readonly currency: string;
  readonly remittance?: string;
  readonly instant?: boolean;
  readonly date?: string;
  readonly frequency?: StandingOrderSchedule['frequency'];
  readonly endDate?: string;
  readonly persona?: string;
  readonly password?: string;
  readonly oConfirmation?: boolean;
  readonly port: number;
  readonly open: boolean;
  readonly timeout: number;
}

const FREQUENCIES = ['DAIL', 'WEEK', 'TOWK', 'MNTH', 'TOMN', 'QUTR', 'SEMI', 'YEAR'] as const;

function frequency(value: string): StandingOrderSchedule['frequency'] {
  const code = value.toUpperCase();
  const known = FREQUENCIES.find((each) => each === code);
  if (!known) throw new UsageError(`--frequency "${value}": use ${FREQUENCIES.join(', ')} (ISO 20022)`);
  return known;
}

/** The flags as the SDK's order: one SEPA credit transfer, a standing order with `--frequency`. */
function orderOf(options: PayOptions): Omit<PaymentOrder, 'successfulReportUrl'> {
  if (options.endDate && !options.frequency)
    throw new UsageError('--end-date ends a standing order: give --frequency');
  if (options.instant && (options.date || options.frequency))
    throw new UsageError('--instant pays now: leave out --date and --frequency');
  return {
    ...(options.from ? { debtorIban: options.from } : {}),
    creditor: { name: options.toName, iban: options.to },
    amount: amount(options.amount, options.currency),
    currency: options.currency,
    ...(options.remittance ? { remittance: options.remittance } : {}),
    ...(options.instant ? { instant: true } : {}),
    ...(options.date ? { executionDate: options.date } : {}),
    ...(options.frequency
      ? {
          standingOrder: {
            frequency: options.frequency,
            ...(options.endDate ? { endDate: options.endDate } : {}),
          },
        }
      : {}),
  };
}

/** Where the human reads the progress: stderr with --json, so stdout stays one JSON document. */
function showCreated(created: CreatedPaymentRequest, options: PayOptions): void {
  const out = options.json ? process.stderr : process.stdout;
  const head = `Payment request ${created.id} recorded (X-Request-ID ${created.requestId}).\n`;
  if (options.persona !== undefined) {
    out.write(`${head}The persona approves it on the sandbox pages…\n`);
    return;
  }
  const opened = options.open && openBrowser(created.approvalUrl ?? '');
  out.write(
    `${head}The customer approves it at the bank${opened ? ' (opening your browser)' : ''}:\n  ${created.approvalUrl}\n` +
      'Waiting for the answer (Ctrl+C to stop); your browser will warn about the callback certificate, made for this run.\n',
  );
}

function report(result: PaymentJourneyResult, options: PayOptions) {
  const { created, notApproved, final } = result;
  if (notApproved !== undefined || final.status === 'RJCT') process.exitCode = EXIT.failure;
  if (options.json)
    return printPaymentJson(final, {
      location: created.location,
      approvalUrl: created.approvalUrl,
      notApproved: notApproved ?? null,
    });
  const paint = paintFor(process.stdout);
  if (notApproved !== undefined) process.stdout.write(`${paint.red('Not approved')}: ${notApproved}\n`);
  else process.stdout.write(`${paint.green('Approved')} by the customer, and confirmed:\n`);
  printPayment(final);
}

async function pay(session: PaymentSession, options: PayOptions): Promise<void> {
  const customer = options.persona === undefined ? undefined : persona(options.persona, options.password);
  if (customer !== undefined) await assertSandbox(session.context.authorizationServer, session.context.ca);
  const certificate = await loopbackCertificate();
  const callback = await startLoopbackCallback(options.port, certificate);
  try {
    const result = await runPayment({
      bank: session.bank,
      callback,
      loopbackCa: certificate.ca,
      order: orderOf(options),
      version: session.version,
      authorizationServer: session.context.authorizationServer,
      timeoutMs: options.timeout * 1000,
      oConfirmation: options.oConfirmation === true,
      ...(customer ? { persona: { ...customer, ca: session.context.ca } } : {}),
      onCreated: (created) => showCreated(created, options),
    });
    report(result, options);
  } finally {
    await callback.close();
  }
}

async function payCommand(options: PayOptions): Promise<void> {
  if (options.password !== undefined && options.persona === undefined)
    throw new UsageError("--password is a --persona's password: give --persona too");
  await withPaymentSession(options, async (session) => {
    if (options.oConfirmation && session.version === 'v1')
      throw new UsageError(
        '--o-confirmation is STET 1.4.2 (POST …/o-confirmation): leave out --api-version v1',
      );
    await pay(session, options);
  });
}

export function tppPayCommand(): Command {
  const command = new Command('pay')
    .description(
      'initiate a payment (POST /payment-requests, client credentials), have the customer approve it at the bank, confirm it, show its status',
    )
    .option(
      '--from <iban>',
      "the customer's account to debit (default: the customer chooses it at the bank)",
      iban,
    )
    .requiredOption('--to <iban>', "the beneficiary's IBAN", iban)
    .requiredOption('--to-name <name>', "the beneficiary's name")
    .requiredOption('--amount <amount>', 'decimal amount, e.g. 50.00')
    .option('--currency <code>', 'ISO 4217 currency (the sandbox takes EUR)', currency, 'EUR')
    .option('--remittance <text>', 'what the customer and the beneficiary read (140 characters)')
    .option('--instant', 'SEPA Instant Credit Transfer (localInstrument INST): settled at confirmation')
    .option('--date <date>', 'the execution day, YYYY-MM-DD (default: at confirmation)', isoDate('--date'))
    .option(
      '--frequency <code>',
      'a standing order: DAIL, WEEK, TOWK, MNTH, TOMN, QUTR, SEMI, YEAR',
      frequency,
    )
    .option('--end-date <date>', "with --frequency: the standing order's last day", isoDate('--end-date'))
    .option(
      '--persona <name|id>',
      'sandbox only: this customer approves on the bank pages (marc, marie, …, or an online-banking id)',
    )
    .option(
      '--password <password>',
      "with --persona, where the sandbox asks for a password: default, the persona's own",
    )
    .option(
      '--o-confirmation',
      "STET 1.4.2: confirm with the customer's authorization-code token (POST …/o-confirmation)",
    )
    .option('--port <port>', 'port of the https callback on 127.0.0.1 (default: any free port)', port, 0)
    .option('--no-open', 'do not open a browser (the URL is printed anyway)')
    .option('--timeout <seconds>', 'how long to wait for the customer', positiveSeconds, 300);
  return withPaymentOptions(command)
    .addHelpText(
      'after',
      `
The bank sends the customer back to https://127.0.0.1:<port>/callback, this command's own listener (STET
wants TLS-secured report URLs; its certificate is made for this run, so a browser warns about it). Without
--persona the command also reads the status every 2 s, so it goes on even if the browser never comes back.
Exit code: 0 approved and confirmed, 1 refused, rejected or not approved in time (the status is printed),
2 usage error. Your QWAC needs the PSP_PI role: \`openstet certs tpp … --roles PSP_PI\`.

Examples:
  $ npx openstet tpp pay --from FR7613807008043001965405158 --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 50.00 --persona marc
  $ npx openstet tpp pay --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 50.00 --instant
  $ npx openstet tpp pay --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 400 --date 2026-06-01 --frequency MNTH --persona marc
  $ npx openstet tpp pay --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 12.50 --persona marc --o-confirmation --json`,
    )
    .action(payCommand);
}
