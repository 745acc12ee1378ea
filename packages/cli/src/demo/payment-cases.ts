import type { CaseContext } from './answers.ts';
import { type DemoCase, MARC_5158 } from './cases.ts';
import { attended, decimal, short, transactionLine } from './information-reads.ts';
import {
  type AccountId,
  approvedByMarc,
  checks,
  instantBalance,
  minus,
  order,
  PAID,
  type PaymentJourney,
} from './payment-steps.ts';

const known = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`no ${what}: an earlier payment case failed`);
  return value;
};

/** The payment's debit among the first page of …5158's entries (newest first), as a statement shows it. */
async function debitEntry(context: CaseContext, accountId: AccountId) {
  const pages = context.bank.transactionPages(await accountId(context, MARC_5158), {}, attended('v1.4.2'));
  const { value: page } = await pages.next();
  return page?.transactions.find(
    (entry) => entry.label.includes('Claire Bernard') && decimal(entry.amount, entry.currency) === PAID,
  );
}

/** Marc's payment, from the request to its debit, and the one thing that stops the rest: no second confirmation. */
function paymentLife(journey: PaymentJourney, ca: string): DemoCase[] {
  const id = () => known(journey.paymentId, 'payment request');
  return [
    {
      version: 'v1.4.2',
      name: 'payment request',
      asked: `${PAID} EUR ${short(MARC_5158)} → Claire Bernard`,
      expected: '201 RCVD',
      run: async (context) => {
        const created = await context.bank.createPaymentRequest(order(PAID));
        journey.paymentId = created.id;
        journey.approvalUrl = created.approvalUrl;
        const { status } = await context.bank.getPaymentRequest(created.id);
        return {
          answer: `201 ${status}`,
          message: `POST /payment-requests (client credentials, pisp): Location …/${created.id}; Marc approves at ${created.approvalUrl}`,
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'Marc approves',
      asked: `login, SMS code, ${short(MARC_5158)}, approve`,
      expected: 'ACTC',
      run: async (context) => {
        const back = await approvedByMarc(known(journey.approvalUrl, 'consentApproval link'), ca);
        return { answer: (await context.bank.getPaymentRequest(id())).status ?? 'no status', message: back };
      },
    },
    {
      version: 'v1.4.2',
      name: 'confirmation',
      asked: 'POST …/confirmation',
      expected: 'ACSP',
      run: async (context) => {
        const confirmed = await context.bank.confirm(id());
        const instruction = confirmed.instructions[0];
        return {
          answer: confirmed.status ?? 'no status',
          message: `executed: the instruction is ${instruction?.status ?? '?'}, a debit pending on ${short(confirmed.debtorIban)} (booked within a minute: ACSC)`,
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'second confirmation',
      asked: 'POST …/confirmation again',
      expected: '409 CONFLICT',
      run: async (context) => ({ answer: `200 ${(await context.bank.confirm(id())).status}` }),
    },
  ];
}

/**
 * The PISP part of the demo: Marc pays 50 EUR from …5158 to Claire Bernard, and the three services see the
 * same money move. Before the payment, a funds check of the instant balance (…5158 has no overdraft) is
 * covered; after it, the same amount is not, and 50 less is; the balances and the transactions (AISP)
 * show the pending debit. A second confirmation is refused; a request cancelled before approval is RJCT / DS02.
 */
export function paymentCases(accountId: AccountId, ca: string): DemoCase[] {
  const journey: PaymentJourney = {};
  const before = () => known(journey.instantBefore, 'instant balance before the payment');
  const instantNow = async (context: CaseContext) =>
    instantBalance(context, await accountId(context, MARC_5158));
  return [
    {
      version: 'v1.4.2',
      name: 'before: funds check of XPCD',
      asked: `XPCD of ${short(MARC_5158)} (no overdraft)`,
      expected: 'covered',
      run: async (context) => {
        journey.instantBefore = await instantNow(context);
        return checks(context, [before()]);
      },
    },
    ...paymentLife(journey, ca),
    {
      version: 'v1.4.2',
      name: 'after: the threshold moved by 50',
      asked: `funds checks of that XPCD, and ${PAID} less`,
      expected: 'not covered, covered',
      run: (context) => checks(context, [before(), minus(before(), PAID)]),
    },
    {
      version: 'v1.4.2',
      name: 'balances after',
      asked: `GET /accounts/{${short(MARC_5158)}}/balances`,
      expected: `XPCD ${PAID} lower`,
      run: async (context) => {
        const after = await instantNow(context);
        return {
          answer: `XPCD ${minus(before(), after)} lower`,
          message: `XPCD ${before()} → ${after} EUR: the pending debit counts at once (CLBD once it is booked)`,
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'transactions after',
      asked: `GET /accounts/{${short(MARC_5158)}}/transactions`,
      expected: `PDNG -${PAID}`,
      run: async (context) => {
        const entry = await debitEntry(context, accountId);
        if (!entry)
          return { answer: 'no such entry', message: 'no debit to Claire Bernard on the first page' };
        const sign = entry.creditDebit === 'DBIT' ? '-' : '+';
        return {
          answer: `${entry.status} ${sign}${decimal(entry.amount, entry.currency)}`,
          details: [transactionLine(entry)],
        };
      },
    },
    {
      version: 'v1',
      name: 'cancellation before approval',
      asked: `10.00 EUR, then PUT with RJCT / DS02`,
      expected: 'RJCT DS02',
      run: async (context) => {
        const { id } = await context.bank.createPaymentRequest(order('10.00'), { version: 'v1' });
        await context.bank.cancel(id, { version: 'v1' });
        const cancelled = await context.bank.getPaymentRequest(id, { version: 'v1' });
        return {
          answer: `${cancelled.status} ${cancelled.reason}`,
          message:
            'STET 1.4.0.47: the whole resource again, paymentInformationStatus RJCT, statusReasonInformation DS02',
        };
      },
    },
  ];
}
