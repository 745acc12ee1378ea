import type { CaseContext } from './answers.ts';
import { type DemoCase, MARC_5158, MARC_5255 } from './cases.ts';
import { attended, readsOf, short } from './information-reads.ts';

type AccountId = (context: CaseContext, iban: string) => Promise<string>;

/** Marc's trusted beneficiaries (RTS Art. 13), a line each. */
async function beneficiaries(context: CaseContext) {
  const { beneficiaries: list } = await context.bank.trustedBeneficiaries(attended('v1.4.2'));
  const width = Math.max(0, ...list.map((each) => each.name.length));
  return {
    answer: `${list.length} beneficiaries`,
    details: list.map((each) =>
      `${each.name.padEnd(width)}  ${each.iban ?? ''}  ${each.bicFi ?? ''}`.trimEnd(),
    ),
  };
}

/**
 * `PUT /consents` (STET "Forwarding the PSU consent"): before it, the AISP reads balances and transactions
 * of the ticked accounts, and neither beneficiaries nor identity; after it, exactly what it forwarded,
 * within the accounts Marc ticked (ADR 0006).
 */
export function consentCases(accountId: AccountId): DemoCase[] {
  return [
    {
      version: 'v1.4.2',
      name: 'beneficiaries before PUT /consents',
      asked: 'GET /trusted-beneficiaries',
      expected: '403 NGAC',
      run: beneficiaries,
    },
    {
      version: 'v1.4.2',
      name: 'PUT /consents: narrowing',
      asked: `${short(MARC_5158)} balances, beneficiaries, identity`,
      expected: `${short(MARC_5158)} balances only`,
      run: async (context) => {
        await context.bank.forwardConsent(
          { balances: [MARC_5158], transactions: [], trustedBeneficiaries: true, psuIdentity: true },
          attended('v1.4.2'),
        );
        const { accounts } = await context.bank.accounts(attended('v1.4.2'));
        return {
          answer:
            accounts.map((account) => `${short(account.iban)} ${readsOf(account)}`).join(', ') || 'none',
          message: 'then GET /accounts lists what the AISP may read now',
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'trusted beneficiaries',
      asked: 'GET /trusted-beneficiaries',
      expected: '4 beneficiaries',
      run: beneficiaries,
    },
    {
      version: 'v1.4.2',
      name: 'end-user identity',
      asked: 'GET /end-user-identity',
      expected: 'Marc Dubois',
      run: async (context) => {
        const identity = await context.bank.endUserIdentity(attended('v1.4.2'));
        return { answer: `${identity.firstName ?? '?'} ${identity.lastName ?? '?'}` };
      },
    },
    {
      version: 'v1',
      name: 'connected PSU',
      asked: 'GET /accounts: connectedPsu',
      expected: 'Dubois Marc',
      run: async (context) => {
        const { raw } = await context.bank.accounts(attended('v1'));
        return { answer: String((raw as { connectedPsu?: unknown }).connectedPsu ?? 'none') };
      },
    },
    {
      version: 'v1.4.2',
      name: 'transactions narrowed out',
      asked: `GET /accounts/{${short(MARC_5255)}}/transactions`,
      expected: '403 NGAC',
      run: async (context) => {
        const pages = context.bank.transactionPages(
          await accountId(context, MARC_5255),
          {},
          attended('v1.4.2'),
        );
        const { value } = await pages.next();
        return { answer: `${value?.transactions.length ?? 0} transactions` };
      },
    },
  ];
}
