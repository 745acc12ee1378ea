import { addMoney, formatAmount, parseAmount, type StetVersion } from '@openstet/protocol';
import { type CaseContext, sdkCheck } from './answers.ts';
import { type DemoCase, MARC_5158, MARC_5255 } from './cases.ts';
import { attended, decimal, readsOf, short } from './information-reads.ts';

type AccountId = (context: CaseContext, iban: string) => Promise<string>;

/** `GET /accounts`: the accounts Marc ticked, each with what the AISP may read of it. */
function accountsCase(version: StetVersion): DemoCase {
  return {
    version,
    name: 'accounts Marc ticked',
    asked: 'GET /accounts',
    expected: `${short(MARC_5158)}, ${short(MARC_5255)}`,
    run: async (context) => {
      const { accounts } = await context.bank.accounts(attended(version));
      return {
        answer: accounts.map((account) => short(account.iban)).join(', ') || 'none',
        details: accounts.map(
          (account) =>
            `${short(account.iban)}  ${account.name}  ${account.currency ?? ''}  ${readsOf(account)}  (id ${account.id})`,
        ),
      };
    },
  };
}

/** The seed's "Solde" (CLBD) and "solde minute" (XPCD) of …5158. */
async function balancesOf(context: CaseContext, id: string) {
  const { balances } = await context.bank.balances(id, attended('v1.4.2'));
  return balances.map((balance) => ({ ...balance, amount: decimal(balance.amount, balance.currency) }));
}

/**
 * Account information after Marc's aisp login, on both versions where the answer differs: his accounts,
 * the balances of …5158, and the funds check's answer either side of its instant balance (cbpii token).
 */
export function accountCases(accountId: AccountId): DemoCase[] {
  return [
    accountsCase('v1'),
    accountsCase('v1.4.2'),
    {
      version: 'v1.4.2',
      name: 'balances',
      asked: `GET /accounts/{${short(MARC_5158)}}/balances`,
      expected: 'CLBD 4348.95, XPCD 4179.00',
      run: async (context) => {
        const balances = await balancesOf(context, await accountId(context, MARC_5158));
        return {
          answer: balances.map((balance) => `${balance.type} ${balance.amount}`).join(', '),
          message: 'CLBD is the booked balance; XPCD, the instant one, is what a funds check compares with',
          details: balances.map((each) => `${each.type}  ${each.amount} ${each.currency}  ${each.name}`),
        };
      },
    },
    {
      version: 'v1.4.2',
      name: 'XPCD is the funds check balance',
      asked: 'funds checks of XPCD, XPCD + 0.01',
      expected: 'covered, not covered',
      run: async (context) => {
        const balances = await balancesOf(context, await accountId(context, MARC_5158));
        const instant = balances.find((balance) => balance.type === 'XPCD');
        if (!instant) return { answer: 'no XPCD balance' };
        const at = parseAmount(instant.amount, instant.currency);
        const above = formatAmount(addMoney(at, parseAmount('0.01', instant.currency)));
        const check = (amount: string) =>
          sdkCheck(context, 'v1.4.2', 'cbpii', { iban: MARC_5158, amount, currency: instant.currency });
        const answers = [await check(instant.amount), await check(above)];
        return {
          answer: answers.map((each) => each.answer).join(', '),
          message: `POST /funds-confirmations (cbpii token): ${instant.amount} and ${above} ${instant.currency}, the seed's boundary ("montant supérieur à 4 179 €": not covered)`,
        };
      },
    },
  ];
}
