import { SANDBOX_PERSONAS } from '@openstet/aspsp';
import { formatAmount, parseAmount, subtractMoney } from '@openstet/protocol';
import { completeSandboxPaymentApproval, type PaymentOrder } from '@openstet/tpp';
import { PERSONAS } from '../personas.ts';
import { type Answer, type CaseContext, sdkCheck } from './answers.ts';
import { MARC_5158 } from './cases.ts';
import { attended, decimal } from './information-reads.ts';

export type AccountId = (context: CaseContext, iban: string) => Promise<string>;

/** What Marc pays: 50 EUR from his first account. */
export const PAID = '50.00';
/** Acme's page where the bank sends Marc back: never fetched here, the code is read from the redirect. */
const REPORT_URL = 'https://acme-cards.example/payments/report';

/** Marc's childminder, one of his trusted beneficiaries (README "The sandbox bank: personas"). */
function payee(): PaymentOrder['creditor'] {
  const marc = SANDBOX_PERSONAS.find((each) => each.persona === 'Marc');
  const claire = marc?.beneficiaries.find((each) => each.name === 'Claire Bernard');
  if (!claire) throw new Error("Claire Bernard is not among Marc's trusted beneficiaries");
  return { name: claire.name, iban: claire.iban };
}

export const order = (amount: string): PaymentOrder => ({
  debtorIban: MARC_5158,
  creditor: payee(),
  amount,
  remittance: 'Garde mai',
  successfulReportUrl: REPORT_URL,
});

/** What the payment cases learn as they run: the instant balance before the payment, the request's id. */
export interface PaymentJourney {
  instantBefore?: string;
  paymentId?: string;
  approvalUrl?: string | undefined;
}

export async function instantBalance(context: CaseContext, id: string): Promise<string> {
  const { balances } = await context.bank.balances(id, attended('v1.4.2'));
  const xpcd = balances.find((balance) => balance.type === 'XPCD');
  if (!xpcd) throw new Error('no XPCD balance');
  return decimal(xpcd.amount, xpcd.currency);
}

export const minus = (amount: string, less: string) =>
  formatAmount(subtractMoney(parseAmount(amount, 'EUR'), parseAmount(less, 'EUR')));

/** Funds checks (cbpii token) of each amount on …5158, their answers joined. */
export async function checks(context: CaseContext, amounts: readonly string[]): Promise<Answer> {
  const answers: Answer[] = [];
  for (const amount of amounts)
    answers.push(await sdkCheck(context, 'v1.4.2', 'cbpii', { iban: MARC_5158, amount, currency: 'EUR' }));
  return {
    answer: answers.map((each) => each.answer).join(', '),
    message: `POST /funds-confirmations (cbpii token): ${amounts.join(' and ')} EUR`,
  };
}

/** Marc on the bank's approval pages (login, SMS code, approve): where the bank sent him back. */
export async function approvedByMarc(approvalUrl: string, ca: string): Promise<string> {
  const back = await completeSandboxPaymentApproval({
    approvalUrl,
    onlineBankingId: PERSONAS.marc?.onlineBankingId ?? '',
    debtorIban: MARC_5158,
    ca,
  });
  const code = back.searchParams.get('code');
  return code ? `back at ${back.origin}${back.pathname} with a code` : `back without a code (${back.search})`;
}
