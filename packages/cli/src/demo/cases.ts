import type { StetVersion } from '@openstet/protocol';
import { type Answer, type CaseContext, failureAnswer, rawCheck, sdkCheck } from './answers.ts';

/** One question to the bank, what the seed (or the README) says it answers, and how to ask it. */
export interface DemoCase {
  readonly version: StetVersion;
  readonly name: string;
  readonly asked: string;
  readonly expected: string;
  readonly run: (context: CaseContext) => Promise<Answer>;
}

export const MARC_5158 = 'FR7613807008043001965405158';
export const MARC_5255 = 'FR7613807008043001965405255';
/** Marc's third account: he does not tick it on the consent page. */
const MARC_5352 = 'FR7613807008043001965405352';
const ID = 'MyCoverage123456';

/** A request `fundsConfirmation` would never send: sent as is, signed, through the SDK's `rawCall`. */
const raw =
  (version: StetVersion, tokenKey: string, method: 'GET' | 'POST', body?: unknown) =>
  async (context: CaseContext) =>
    rawCheck(context, version, await context.accessToken(tokenKey), method, body);

/** The seed's "Tests d'acceptance" (BPCE portal), persona Marc, on one STET version. */
export function acceptanceCases(version: StetVersion, tokenKey: string): DemoCase[] {
  const sdk = (iban: string, amount: string) => (context: CaseContext) =>
    sdkCheck(context, version, tokenKey, { iban, amount, currency: 'EUR' });
  const post = (body: unknown) => raw(version, tokenKey, 'POST', body);
  const row = (name: string, asked: string, expected: string, run: DemoCase['run']): DemoCase => ({
    version,
    name,
    asked,
    expected,
    run,
  });
  return [
    row('standard: payment covered', '458.00 EUR on …5255', 'covered', sdk(MARC_5255, '458.00')),
    row('limit: insufficient funds', '4180.00 EUR on …5158', 'not covered', sdk(MARC_5158, '4180.00')),
    row('GET method', 'GET /funds-confirmations', '405 NIMP', raw(version, tokenKey, 'GET')),
    row(
      'IBAN absent or wrong',
      '4179 EUR on FRXXXX…5158',
      '400 AC01',
      sdk('FRXXXX807008043001965405158', '4179'),
    ),
    row(
      'amount/currency structure absent',
      'no instructedAmount',
      '400 FF01',
      post({ paymentCoverageRequestId: ID, accountId: { iban: MARC_5158 } }),
    ),
    row(
      'amount absent',
      'instructedAmount without amount',
      '400 FF01',
      post({
        paymentCoverageRequestId: ID,
        instructedAmount: { currency: 'EUR' },
        accountId: { iban: MARC_5158 },
      }),
    ),
    row(
      'currency absent',
      'instructedAmount without currency',
      '400 FF01',
      post({
        paymentCoverageRequestId: ID,
        instructedAmount: { amount: '4180.00' },
        accountId: { iban: MARC_5158 },
      }),
    ),
    row(
      'payment request id absent',
      'no paymentCoverageRequestId',
      '400 FF01',
      post({ instructedAmount: { currency: 'EUR', amount: '4180.00' }, accountId: { iban: MARC_5158 } }),
    ),
  ];
}

/**
 * More of the bank's answers (README "Other documented ways to see each answer"), after Marc's cbpii
 * login, which replaced his piisp pair (one pair per customer, TPP and role). The revocation comes last.
 */
export function refusalCases(): DemoCase[] {
  const sdk = (iban: string, amount: string, currency: string) => (context: CaseContext) =>
    sdkCheck(context, 'v1.4.2', 'cbpii', { iban, amount, currency });
  return [
    {
      version: 'v1.4.2',
      name: 'limit: exactly the instant balance',
      asked: '4179.00 EUR on …5158',
      expected: 'covered',
      run: sdk(MARC_5158, '4179.00', 'EUR'),
    },
    {
      version: 'v1.4.2',
      name: 'account not in the consent',
      asked: '1.00 EUR on …5352 (not ticked)',
      expected: '403 NGAC',
      run: sdk(MARC_5352, '1.00', 'EUR'),
    },
    {
      version: 'v1.4.2',
      name: "currency not the account's",
      asked: '10.00 USD on …5158',
      expected: '400 AM03',
      run: sdk(MARC_5158, '10.00', 'USD'),
    },
    {
      version: 'v1',
      name: 'piisp token after the cbpii login',
      asked: "the piisp pair's access token",
      expected: '401 TOKEN_INVALID',
      run: raw('v1', 'piisp', 'POST', {
        paymentCoverageRequestId: ID,
        instructedAmount: { currency: 'EUR', amount: '1.00' },
        accountId: { iban: MARC_5255 },
      }),
    },
    {
      version: 'v1',
      name: 'piisp refresh after the cbpii login',
      asked: "the piisp pair's refresh token",
      expected: '400 invalid_grant',
      run: async (context) => {
        try {
          await context.bank.refresh('piisp');
          return { answer: '200 refreshed' };
        } catch (error) {
          return failureAnswer(error);
        }
      },
    },
    {
      version: 'v1.4.2',
      name: 'token revoked',
      asked: 'revoke, then 1.00 EUR on …5255',
      expected: '401 TOKEN_INVALID',
      run: async (context) => {
        const accessToken = await context.accessToken('cbpii');
        await context.bank.revoke('cbpii');
        return rawCheck(context, 'v1.4.2', accessToken, 'POST', {
          paymentCoverageRequestId: ID,
          instructedAmount: { currency: 'EUR', amount: '1.00' },
          accountId: { iban: MARC_5255 },
        });
      },
    },
  ];
}
