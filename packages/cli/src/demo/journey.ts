import { createStetClient, memoryTokenStore, type StetClient, type TokenStore } from '@openstet/tpp';
import { PERSONAS } from '../personas.ts';
import { login } from '../tpp/login-flow.ts';
import { type LoopbackCallback, startLoopbackCallback } from '../tpp/loopback-callback.ts';
import { accountCases } from './account-cases.ts';
import { type CaseContext, failureAnswer } from './answers.ts';
import { acceptanceCases, type DemoCase, MARC_5158, MARC_5255, refusalCases } from './cases.ts';
import { consentCases } from './consent-cases.ts';
import { DEMO_TPP, type DemoTpp, issueDemoTpp, type JourneyBank } from './demo-bank.ts';
import { accountIds } from './information-reads.ts';
import { paymentCases } from './payment-cases.ts';
import type { Progress } from './progress.ts';
import { quotaCase } from './quota-case.ts';
import type { CaseResult } from './report.ts';
import { transactionCases } from './transaction-cases.ts';

/** The two accounts Marc ticks on the consent page; his third (…5352) stays out (NGAC). */
const MARC_ACCOUNTS = [MARC_5158, MARC_5255];

interface Session {
  readonly bank: JourneyBank;
  readonly client: StetClient;
  readonly callback: LoopbackCallback;
  readonly progress: Progress;
}

/** The TPP's SDK client, as a card issuer would configure it: the bank's seal checks every answer. */
function demoClient(bank: JourneyBank, tpp: DemoTpp, store: TokenStore): StetClient {
  return createStetClient({
    apiBaseUrl: `${bank.mtlsUrl}/stet/psd2`,
    authorizationServer: bank.publicUrl,
    clientId: DEMO_TPP.organizationIdentifier,
    qwac: { certificate: tpp.qwac.certificatePem, privateKey: tpp.qwac.privateKeyPem },
    qseal: { certificate: tpp.qseal.certificatePem, privateKey: tpp.qseal.privateKeyPem },
    ca: bank.ca.certificatePem,
    bankSealCertificate: bank.bankSeal,
    tokenStore: store,
  });
}

/** What `tpp login --persona marc` does: his tokens are kept under the scope's (first) name. */
const loginAsMarc = (session: Session, scope: 'piisp' | 'cbpii' | 'aisp extended_transaction_history') =>
  session.progress.step(
    `Marc (${PERSONAS.marc?.onlineBankingId}) logs in for ${scope}: SMS code, consent to …5158 and …5255`,
    () =>
      login({
        bank: session.client,
        callback: session.callback,
        scope,
        tokenKey: scope.split(' ')[0] ?? scope,
        authorizationServer: session.bank.publicUrl,
        timeoutMs: 30_000,
        persona: {
          onlineBankingId: PERSONAS.marc?.onlineBankingId ?? '',
          accounts: MARC_ACCOUNTS,
          ca: session.bank.ca.certificatePem,
        },
      }),
    (tokens) => `code exchanged over mTLS for ${tokens.scope} tokens`,
  );

/** Runs the cases one after another (some depend on the ones before), counting over the whole demo. */
function caseRunner(context: CaseContext, progress: Progress, total: number) {
  let done = 0;
  const runCases = async (cases: readonly DemoCase[]) => {
    const results: CaseResult[] = [];
    for (const { run, ...demoCase } of cases) {
      done += 1;
      progress.status(`[${done}/${total}] ${demoCase.version} ${demoCase.name}`);
      const answer = await run(context).catch(failureAnswer);
      results.push({ ...demoCase, ...answer, ok: answer.answer === demoCase.expected });
    }
    return results;
  };
  const summary = (results: readonly CaseResult[]) =>
    `${results.filter((result) => result.ok).length}/${results.length} as expected`;
  return (label: string, cases: readonly DemoCase[]) => progress.step(label, () => runCases(cases), summary);
}

/**
 * The AISP part (Marc's aisp login, then two groups of cases), run between the funds cases and the funds
 * refusals: one of its cases checks XPCD against the funds check, with the cbpii token the refusals revoke.
 */
function accountInformationPart(now: Date) {
  const accountId = accountIds();
  const reads = [...accountCases(accountId), ...transactionCases(accountId, now)];
  const consent = [...consentCases(accountId), quotaCase(accountId)];
  return {
    total: reads.length + consent.length,
    async run(session: Session, run: ReturnType<typeof caseRunner>) {
      await loginAsMarc(session, 'aisp extended_transaction_history');
      const label = 'account information (aisp token, Marc there: PSU-IP-Address)';
      return [
        ...(await run(`${label}: accounts, balances, 13 months of transactions`, reads)),
        ...(await run(
          'PUT /consents narrowing to …5158 balances, beneficiaries, identity; refusals',
          consent,
        )),
      ];
    },
  };
}

/**
 * The PISP part, last: the payment moves …5158's money for good, so every case before it reads the seed's
 * figures. Marc logs in again for cbpii (the refusals revoked that pair) and for aisp (PUT /consents
 * narrowed that one), then pays.
 */
function paymentPart(session: Session) {
  const cases = paymentCases(accountIds(), session.bank.ca.certificatePem);
  return {
    total: cases.length,
    async run(run: ReturnType<typeof caseRunner>) {
      await loginAsMarc(session, 'cbpii');
      await loginAsMarc(session, 'aisp extended_transaction_history');
      const label = 'payment initiation (client credentials, pisp): Marc pays 50 EUR from …5158';
      return run(`${label}; funds check, balances and transactions see it`, cases);
    },
  };
}

/** Each login, then its cases; the revocation comes before the payment, which changes Marc's money. */
async function runParts(session: Session, context: CaseContext) {
  const v1 = acceptanceCases('v1', 'piisp');
  const v142 = acceptanceCases('v1.4.2', 'cbpii');
  const aisp = accountInformationPart(new Date());
  const more = refusalCases();
  const pisp = paymentPart(session);
  const total = v1.length + v142.length + aisp.total + more.length + pisp.total;
  const run = caseRunner(context, session.progress, total);
  await loginAsMarc(session, 'piisp');
  const results = await run("the seed's acceptance cases on STET 1.4.0.47 (/v1, piisp token)", v1);
  await loginAsMarc(session, 'cbpii');
  results.push(...(await run("the seed's acceptance cases on STET 1.4.2 (/v1.4.2, cbpii token)", v142)));
  results.push(...(await aisp.run(session, run)));
  results.push(...(await run('more answers: limit, NGAC, AM03, replaced and revoked tokens', more)));
  results.push(...(await pisp.run(run)));
  return results;
}

/**
 * The TPP's whole journey against the bank: certificates and licence, registration, Marc's logins (piisp
 * for STET 1.4.0.47, then cbpii for 1.4.2, which replaces the piisp pair; then aisp), every case, and
 * last Marc's payment. The bank may run in this process (`openstet demo`) or be a running server (`running-bank.ts`).
 */
export async function runJourney(bank: JourneyBank, progress: Progress): Promise<CaseResult[]> {
  const tpp = await progress.step(
    `issue a QWAC and a QSealC for ${DEMO_TPP.organizationIdentifier} ${DEMO_TPP.organizationName} (${DEMO_TPP.roles.join(', ')}) and license it in the register`,
    () => issueDemoTpp(bank),
  );
  const store = memoryTokenStore();
  const client = demoClient(bank, tpp, store);
  const callback = await startLoopbackCallback(0);
  try {
    await progress.step(`register ${callback.redirectUri} and the QSealC (POST /register over mTLS)`, () =>
      client.register({ redirectUris: [callback.redirectUri], clientName: DEMO_TPP.organizationName }),
    );
    const context: CaseContext = {
      bank: client,
      accessToken: async (key) => (await store.get(key))?.accessToken ?? '',
    };
    return await runParts({ bank, client, callback, progress }, context);
  } finally {
    await callback.close();
    client.close();
  }
}
