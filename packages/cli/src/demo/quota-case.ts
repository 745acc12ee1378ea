import { isErrorModel } from '@openstet/protocol';
import type { RawAnswer } from '@openstet/tpp';
import type { CaseContext } from './answers.ts';
import { type DemoCase, MARC_5158 } from './cases.ts';
import { short } from './information-reads.ts';

type AccountId = (context: CaseContext, iban: string) => Promise<string>;

/** RTS Art. 36(5)(b): four reads a day without the customer; one more shows the refusal. */
const READS = 5;

const ordinal = (n: number) => ['1st', '2nd', '3rd'][n - 1] ?? `${n}th`;

/** `429 TMRQ` and its `Retry-After`, from the bank's answer as it came. */
function refusal(answer: RawAnswer, answered: number) {
  const parsed: unknown = JSON.parse(answer.body || 'null');
  const code = isErrorModel(parsed) ? parsed.error : 'no ErrorModel';
  const retryAfter = answer.headers['retry-after'];
  const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  const waits = Number.isInteger(seconds) && seconds > 0;
  return {
    answer: `${answer.status} ${code}${waits ? '' : ', no Retry-After'}`,
    message: `${answered} reads without PSU-IP-Address answered, the ${ordinal(answered + 1)} refused with Retry-After ${waits ? `${seconds} s` : 'missing'}${isErrorModel(parsed) ? `: ${parsed.message}` : ''}`,
    requestId: answer.requestId,
  };
}

/**
 * Balances of …5158 read without `PSU-IP-Address` (Marc is not there) until the bank refuses: at most four
 * answered in 24 hours per TPP, account and kind of read, then 429 TMRQ with `Retry-After`. Read as sent
 * (`rawCall`): the typed methods throw a refusal without its headers. On a data directory kept from an
 * earlier run within 24 hours the refusal comes sooner: the bank counts in its database.
 */
export function quotaCase(accountId: AccountId): DemoCase {
  return {
    version: 'v1.4.2',
    name: 'unattended reads: 4 a day',
    asked: `${READS} × balances of ${short(MARC_5158)}, unattended`,
    expected: '429 TMRQ',
    run: async (context) => {
      const path = `/v1.4.2/accounts/${encodeURIComponent(await accountId(context, MARC_5158))}/balances`;
      for (let read = 0; read < READS; read++) {
        const answer = await context.bank.rawCall({ method: 'GET', path, tokenKey: 'aisp' });
        if (answer.status !== 200) return refusal(answer, read);
      }
      return { answer: `200 ×${READS}`, message: `${READS} unattended reads answered: no quota` };
    },
  };
}
