import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseAmount } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { sandboxStrongAuthentication } from '../src/bank/sandbox/sandbox-strong-authentication.ts';
import { addDays, utcDate } from '../src/core/accounts/calendar-day.ts';
import { cancelPayment } from '../src/core/payments/cancel-payment.ts';
import { confirmPayment } from '../src/core/payments/confirm-payment.ts';
import {
  type InstructionAsked,
  initiatePayment,
  type PaymentAsked,
} from '../src/core/payments/initiate-payment.ts';
import { paymentBinding } from '../src/core/payments/payment-binding.ts';
import type { PaymentDeps } from '../src/core/payments/payment-deps.ts';
import type { PaymentRequest } from '../src/core/payments/payment-request.ts';
import { type CoreBanking, CoreBankingUnavailable } from '../src/core/ports/core-banking.ts';
import { hashSecret } from '../src/security/secrets.ts';
import { testClock } from './helpers/clock.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { Browser, MARC, redirectOf, token } from './helpers/journey.ts';
import { licence } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';

const SUCCESS_URL = 'https://merchant.example/payment/ok?order=42';
const FAILURE_URL = 'https://merchant.example/payment/ko?order=42';
/** The name in the register of licensed TPPs, which the pages show (not the self-declared client_name). */
const REGISTERED_NAME = 'Acme Paiements SAS';
const MARIE = 'D0999991I0';
const BAKERY = { name: 'Boulangerie Dupain', iban: 'FR7630006000011234567890189', bicFi: undefined };
/** Marc's trusted beneficiary BEN-MARC-01 (sandbox personas). */
const TRUSTED = { name: 'SCI Les Tilleuls', iban: 'FR7630004008190001234560119', bicFi: undefined };
const [, MARC_SMALL_ACCOUNT] = MARC.accounts;

function instruction(overrides: Partial<InstructionAsked> = {}): InstructionAsked {
  return {
    instructionId: 'INSTR-1',
    endToEndId: undefined,
    amount: parseAmount('50.00', 'EUR'),
    creditor: BAKERY,
    remittance: 'Commande 42',
    executionDate: undefined,
    standingOrder: undefined,
    ...overrides,
  };
}

/** What the bank records of the PSU's answer, read back from the store. */
function outcomeOf(request: PaymentRequest | undefined) {
  return { status: request?.status, reason: request?.reason };
}

for (const engine of ENGINES) {
  describe(`the PSU's payment approval pages (${engine})`, () => {
    let bank: InjectApp;
    let deps: PaymentDeps;
    const clock = testClock();
    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      await bank.onboard(bank.pki.acme, ['PSP_IC', 'PSP_AI', 'PSP_PI']);
      await bank.app.registry.save(
        licence(bank.pki.acme, { name: REGISTERED_NAME, roles: ['PSP_IC', 'PSP_AI', 'PSP_PI'] }),
      );
      const { payments, coreBanking } = bank.app.services;
      deps = { payments, coreBanking, now: clock.now };
    });
    after(() => bank.close());
    beforeEach(() => clock.reset());

    /** A payment request from Acme, recorded by the core as the STET endpoint would. */
    async function initiate(overrides: Partial<PaymentAsked> = {}): Promise<PaymentRequest> {
      const outcome = await initiatePayment(deps, {
        establishment: bank.app.services.config.defaultCdetab,
        clientId: bank.pki.acme.organizationIdentifier,
        paymentInformationId: `PAY-${randomBytes(6).toString('hex')}`,
        instant: false,
        debtorIban: undefined,
        instructions: [instruction()],
        successUrl: SUCCESS_URL,
        failureUrl: FAILURE_URL,
        exemptionRequested: false,
        document: { test: randomBytes(6).toString('hex') },
        ...overrides,
      });
      assert.ok('request' in outcome, 'refusal' in outcome ? outcome.refusal.reason : '');
      return outcome.request;
    }

    const stored = (request: PaymentRequest) =>
      bank.app.services.payments.find(request.establishment, request.id);

    /** Marc (or `psu`) opens the approval link, logs in and types the SMS code: the payment step's page. */
    async function atPaymentStep(request: PaymentRequest, psu = MARC.id) {
      const browser = new Browser(bank);
      assert.equal((await browser.get(`/payment-approval/${request.id}`)).statusCode, 200);
      const otp = await browser.post('/sca/login', { username: psu, action: 'approve' });
      assert.match(otp.body, /name="otp"/);
      const page = await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      return { browser, page };
    }

    /** The redirect to the initiator's unsuccessfulReportUrl, with its error. */
    function failureOf(response: LightMyRequestResponse) {
      const url = redirectOf(response);
      assert.equal(`${url.origin}${url.pathname}`, 'https://merchant.example/payment/ko');
      assert.equal(url.searchParams.get('order'), '42');
      assert.equal(url.searchParams.get('code'), null);
      return url.searchParams.get('error');
    }

    const offered = (page: LightMyRequestResponse) =>
      [...page.body.matchAll(/name="debtorAccount" value="([^"]+)"/g)].map((match) => match[1]);

    test('the page shows the PISP’s registered name, the amount, the beneficiary and its IBAN, in French by default', async () => {
      const request = await initiate();
      const page = await new Browser(bank).get(`/payment-approval/${request.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<html lang="fr">/);
      assert.match(page.body, new RegExp(`Paiement demandé par ${REGISTERED_NAME}`));
      assert.match(page.body, new RegExp(`${REGISTERED_NAME} demande votre autorisation pour le paiement`));
      assert.match(page.body, /Montant<\/dt><dd class="amount">50,00\s€/u);
      assert.match(page.body, /Bénéficiaire<\/dt><dd>Boulangerie Dupain/);
      assert.match(page.body, /FR76 3000 6000 0112 3456 7890 189/);
      assert.match(page.body, /Date d’exécution/);
      assert.match(page.body, /Commande 42/);
      assert.match(page.body, /name="username"/);
      assert.match(
        String(page.headers['set-cookie']),
        /^__Host-openstet-sca=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Strict/,
      );
      assert.match(
        String(page.headers['content-security-policy']),
        /form-action 'self' https:\/\/merchant\.example;/,
      );
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.doesNotMatch(page.body, /<script/);
    });

    test('in English with Accept-Language, on every step; the forms may lead to both report URLs', async () => {
      const request = await initiate({ failureUrl: 'https://refusals.example/ko' });
      const browser = new Browser(bank, { 'accept-language': 'en-GB,en;q=0.9' });
      const login = await browser.get(`/payment-approval/${request.id}`);
      assert.match(login.body, /<html lang="en">/);
      assert.match(login.body, new RegExp(`Payment requested by ${REGISTERED_NAME}`));
      assert.match(login.body, /Amount<\/dt><dd class="amount">€50\.00/);
      assert.match(login.body, /Beneficiary<\/dt><dd>Boulangerie Dupain/);
      assert.match(
        String(login.headers['content-security-policy']),
        /form-action 'self' https:\/\/merchant\.example https:\/\/refusals\.example;/,
      );
      const otp = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      assert.match(otp.body, /This code approves only the amount and the beneficiary shown/);
      assert.match(otp.body, /€50\.00/);
      const step = await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      assert.match(step.body, /Account to debit/);
      assert.match(step.body, /Boulangerie Dupain/);
      assert.match(step.body, /FR76 3000 6000 0112 3456 7890 189/);
    });

    test('a standing order shows its frequency and end date; a bulk request each payment and the total', async () => {
      const request = await initiate({
        instructions: [
          instruction({
            amount: parseAmount('30.00', 'EUR'),
            standingOrder: { frequency: 'monthly', endDate: '2099-12-31', executionRule: 'following' },
          }),
          instruction({
            instructionId: 'INSTR-2',
            amount: parseAmount('1234.56', 'EUR'),
            creditor: TRUSTED,
          }),
        ],
      });
      const page = await new Browser(bank).get(`/payment-approval/${request.id}`);
      assert.match(page.body, /Virement permanent<\/dt><dd>tous les mois, jusqu’au 31 décembre 2099/);
      assert.match(page.body, /SCI Les Tilleuls/);
      assert.match(page.body, /1\s234,56\s€/u);
      assert.match(page.body, /Total<\/dt><dd class="amount">1\s264,56\s€/u);
    });

    test('Marc chooses the debtor account and approves: 303 to successfulReportUrl with a code, the request approved from that account', async () => {
      const request = await initiate();
      const { browser, page } = await atPaymentStep(request);
      assert.match(page.body, /Compte à débiter/);
      assert.match(page.body, /Boulangerie Dupain/);
      assert.match(page.body, /name="action" value="approve"/);
      assert.match(page.body, /name="action" value="deny"/);
      const back = redirectOf(
        await browser.post('/sca/payment', { debtorAccount: MARC_SMALL_ACCOUNT ?? '', action: 'approve' }),
      );
      assert.equal(`${back.origin}${back.pathname}`, 'https://merchant.example/payment/ok');
      assert.equal(back.searchParams.get('order'), '42');
      assert.equal(back.searchParams.get('iss'), 'https://bank.example');
      assert.match(back.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
      const approved = await stored(request);
      assert.equal(approved?.status, 'approved');
      assert.equal(approved?.approval?.psuId, 'psu-marc');
      assert.equal(approved?.approval?.debtorIban, MARC_SMALL_ACCOUNT);
      assert.equal(approved?.approval?.exempted, false);
      assert.equal(
        approved?.approval?.binding,
        paymentBinding(MARC_SMALL_ACCOUNT ?? '', request.instructions),
      );
      assert.equal(
        (await browser.post('/sca/payment', { action: 'approve' })).statusCode,
        400,
        'session ended',
      );
    });

    test('the code is exchanged at /token with redirect_uri = successUrl and no code_verifier: a pisp token carrying the consent', async () => {
      const request = await initiate();
      const { browser } = await atPaymentStep(request);
      const back = redirectOf(
        await browser.post('/sca/payment', { debtorAccount: MARC_SMALL_ACCOUNT ?? '', action: 'approve' }),
      );
      const response = await token(bank, bank.pki.acme, {
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: SUCCESS_URL,
      });
      assert.equal(response.statusCode, 200, response.body);
      const tokens = response.json();
      assert.equal(tokens.scope, 'pisp');
      assert.equal(tokens.token_type, 'Bearer');
      const pair = await bank.app.services.tokens.findByAccess(hashSecret(tokens.access_token));
      const approval = (await stored(request))?.approval;
      assert.equal(pair?.role, 'pisp');
      assert.equal(pair?.psuId, 'psu-marc');
      assert.ok(approval?.consentId);
      assert.equal(pair?.consentId, approval.consentId);
      assert.deepEqual(pair?.accounts, [MARC_SMALL_ACCOUNT]);
      const consent = await bank.app.services.consents.find(approval.consentId);
      assert.deepEqual([consent?.role, consent?.scopes], ['pisp', ['pisp']]);
    });

    test('only the accounts that can pay are offered; none → no radio, refuse only; a forged approval shows the page again', async () => {
      const thousand = await initiate({
        instructions: [instruction({ amount: parseAmount('1000.00', 'EUR') })],
      });
      const { page } = await atPaymentStep(thousand);
      // 4 179.00 and 2 165.50 available; 459.00 on FR76…5255 cannot pay 1 000.
      assert.deepEqual(offered(page), ['FR7613807008043001965405158', 'FR7613807008043001965405352']);

      const tooMuch = await initiate({
        instructions: [instruction({ amount: parseAmount('100000.00', 'EUR') })],
      });
      const { browser, page: none } = await atPaymentStep(tooMuch);
      assert.deepEqual(offered(none), []);
      assert.match(none.body, /Aucun de vos comptes ne peut régler ce paiement/);
      assert.doesNotMatch(none.body, /name="action" value="approve"/);
      assert.match(none.body, /name="action" value="deny"/);
      const forged = await browser.post('/sca/payment', {
        debtorAccount: 'FR7613807008043001965405158',
        action: 'approve',
      });
      assert.equal(forged.statusCode, 200);
      assert.match(forged.body, /Choisissez le compte à débiter/);
      assert.equal((await stored(tooMuch))?.status, 'received');
    });

    test('approving without choosing an account, or with an account not offered, shows the page again with an error', async () => {
      const request = await initiate();
      const { browser } = await atPaymentStep(request);
      for (const fields of [
        { action: 'approve' },
        { debtorAccount: 'FR7613807008043001965406128', action: 'approve' },
      ]) {
        const again = await browser.post('/sca/payment', fields);
        assert.equal(again.statusCode, 200);
        assert.match(again.body, /role="alert">Choisissez le compte à débiter/);
        assert.equal(offered(again).length, 3);
      }
      assert.equal((await stored(request))?.status, 'received');
    });

    test('a debtor account named by the initiator is shown, without a choice', async () => {
      const request = await initiate({ debtorIban: MARC_SMALL_ACCOUNT });
      const { browser, page } = await atPaymentStep(request);
      assert.deepEqual(offered(page), []);
      assert.match(page.body, /Compte débité<\/dt><dd>[^<]*FR76 1380 7008 0430 0196 5405 255/);
      redirectOf(await browser.post('/sca/payment', { action: 'approve' }));
      assert.equal((await stored(request))?.approval?.debtorIban, MARC_SMALL_ACCOUNT);
    });

    test('deny → unsuccessfulReportUrl with access_denied; the request rejected as refused by the customer', async () => {
      const atPayment = await initiate();
      const { browser } = await atPaymentStep(atPayment);
      assert.equal(failureOf(await browser.post('/sca/payment', { action: 'deny' })), 'access_denied');
      assert.deepEqual(outcomeOf(await stored(atPayment)), {
        status: 'rejected',
        reason: 'customer-refused',
      });

      const atLogin = await initiate();
      const cancelling = new Browser(bank);
      await cancelling.get(`/payment-approval/${atLogin.id}`);
      assert.equal(failureOf(await cancelling.post('/sca/login', { action: 'deny' })), 'access_denied');
      assert.deepEqual(outcomeOf(await stored(atLogin)), { status: 'rejected', reason: 'customer-refused' });
    });

    test('inactivity → unsuccessfulReportUrl; the request rejected as unanswered (NOAS)', async () => {
      const idle = await initiate();
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${idle.id}`);
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      clock.advance(301);
      assert.equal(
        failureOf(await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' })),
        'access_denied',
      );
      assert.deepEqual(outcomeOf(await stored(idle)), { status: 'rejected', reason: 'no-answer' });

      const refreshed = await initiate();
      const viaRefresh = new Browser(bank);
      const login = await viaRefresh.get(`/payment-approval/${refreshed.id}`);
      assert.match(login.body, /<meta http-equiv="refresh" content="300;url=\/sca\/timeout">/);
      assert.equal(failureOf(await viaRefresh.get('/sca/timeout')), 'access_denied');
      assert.deepEqual(outcomeOf(await stored(refreshed)), { status: 'rejected', reason: 'no-answer' });
    });

    test('five wrong SMS codes lock the customer: the request rejected as a failed authentication', async () => {
      // Marie, so that Marc's other tests are not locked out.
      const request = await initiate();
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${request.id}`);
      await browser.post('/sca/login', { username: MARIE, action: 'approve' });
      for (let attempt = 1; attempt <= 4; attempt++) {
        const page = await browser.post('/sca/otp', { otp: '00000000', action: 'approve' });
        assert.match(page.body, new RegExp(`Il vous reste ${5 - attempt} essai`));
        assert.match(page.body, /Boulangerie Dupain/);
      }
      assert.equal(
        failureOf(await browser.post('/sca/otp', { otp: '00000000', action: 'approve' })),
        'access_denied',
      );
      assert.deepEqual(outcomeOf(await stored(request)), {
        status: 'rejected',
        reason: 'authentication-failed',
      });
    });

    test('a request no longer waiting for the PSU, or unknown, gets the 400 error page in the PSU’s language', async () => {
      const request = await initiate();
      const { browser } = await atPaymentStep(request);
      redirectOf(
        await browser.post('/sca/payment', { debtorAccount: MARC_SMALL_ACCOUNT ?? '', action: 'approve' }),
      );
      const again = await new Browser(bank).get(`/payment-approval/${request.id}`);
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /Ce paiement ne peut plus être autorisé/);
      assert.equal(again.headers['set-cookie'], undefined);
      const english = await new Browser(bank, { 'accept-language': 'en' }).get(
        `/payment-approval/${request.id}`,
      );
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /This payment can no longer be approved/);
      for (const id of ['0123456789abcdef0123456789abcdef', 'not%20an%20id', 'x'.repeat(65)]) {
        const unknown = await new Browser(bank).get(`/payment-approval/${id}`);
        assert.equal(unknown.statusCode, 400, id);
        assert.match(unknown.body, /Ce paiement ne peut plus être autorisé/);
      }
      clock.advance(16 * 60);
      const expired = await initiate();
      clock.advance(16 * 60);
      assert.equal((await new Browser(bank).get(`/payment-approval/${expired.id}`)).statusCode, 400);
      assert.deepEqual(outcomeOf(await stored(expired)), { status: 'rejected', reason: 'no-answer' });
    });

    test('exemption (RTS Art. 13): without a knowledge factor at login the SMS code is always asked, even for a trusted beneficiary', async () => {
      const trusted = await initiate({
        exemptionRequested: true,
        instructions: [instruction({ creditor: TRUSTED })],
      });
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${trusted.id}`);
      const step = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      assert.match(step.body, /name="otp"/, 'the online-banking id alone is no authentication');
    });

    test('exemption (RTS Art. 13) at a bank whose login checks a password: a trusted beneficiary skips the SMS step, another beneficiary or no hint does not', async () => {
      const knowing = await injectApp(engine, {
        now: clock.now,
        env: { OPENSTET_SCA_KNOWLEDGE_STEP: 'true' },
      });
      try {
        await knowing.app.registry.save(licence(knowing.pki.acme, { roles: ['PSP_PI'] }));
        const { payments, coreBanking } = knowing.app.services;
        const at = { payments, coreBanking, now: clock.now };
        const ask = async (exemptionRequested: boolean, creditor: typeof BAKERY) => {
          const outcome = await initiatePayment(at, {
            establishment: knowing.app.services.config.defaultCdetab,
            clientId: knowing.pki.acme.organizationIdentifier,
            paymentInformationId: `PAY-${randomBytes(6).toString('hex')}`,
            instant: false,
            debtorIban: undefined,
            instructions: [instruction({ creditor })],
            successUrl: SUCCESS_URL,
            failureUrl: FAILURE_URL,
            exemptionRequested,
            document: { test: randomBytes(6).toString('hex') },
          });
          assert.ok('request' in outcome);
          const browser = new Browser(knowing);
          await browser.get(`/payment-approval/${outcome.request.id}`);
          const login = { username: MARC.id, password: 'Marc#13807', action: 'approve' };
          return { browser, request: outcome.request, step: await browser.post('/sca/login', login) };
        };
        const trusted = await ask(true, TRUSTED);
        assert.doesNotMatch(trusted.step.body, /name="otp"/);
        assert.equal(offered(trusted.step).length, 3);
        redirectOf(
          await trusted.browser.post('/sca/payment', {
            debtorAccount: MARC_SMALL_ACCOUNT ?? '',
            action: 'approve',
          }),
        );
        const approval = (await payments.find(trusted.request.establishment, trusted.request.id))?.approval;
        assert.deepEqual([approval?.exempted, approval?.debtorIban], [true, MARC_SMALL_ACCOUNT]);
        assert.match((await ask(true, BAKERY)).step.body, /name="otp"/);
        assert.match((await ask(false, TRUSTED)).step.body, /name="otp"/);
      } finally {
        await knowing.close();
      }
    });

    test('a request changed after the SMS code was sent is not approved with it (RTS Art. 5): back to the initiator, waiting for a new approval', async () => {
      const request = await initiate({
        instructions: [instruction(), instruction({ instructionId: 'INSTR-2', creditor: TRUSTED })],
      });
      const { browser } = await atPaymentStep(request);
      const current = await stored(request);
      assert.ok(current);
      assert.ok('needsApproval' in (await cancelPayment(deps, current, ['INSTR-2'])));
      const refused = await browser.post('/sca/payment', {
        debtorAccount: MARC_SMALL_ACCOUNT ?? '',
        action: 'approve',
      });
      assert.equal(failureOf(refused), 'access_denied');
      assert.match(redirectOf(refused).searchParams.get('error_description') ?? '', /RTS Art\. 5/);
      const after = await stored(request);
      assert.deepEqual([after?.status, after?.approval], ['received', undefined]);
      assert.equal((await new Browser(bank).get(`/payment-approval/${request.id}`)).statusCode, 200);
    });

    test('a cancellation of a confirmed payment is approved on the same pages, saying what is cancelled', async () => {
      const nextMonth = addDays(utcDate(clock.now()), 30);
      const request = await initiate({ instructions: [instruction({ executionDate: nextMonth })] });
      const first = await atPaymentStep(request);
      redirectOf(
        await first.browser.post('/sca/payment', {
          debtorAccount: MARC_SMALL_ACCOUNT ?? '',
          action: 'approve',
        }),
      );
      const confirmed = await confirmPayment(
        deps,
        { establishment: request.establishment, clientId: request.clientId },
        request.id,
      );
      assert.ok('confirmed' in confirmed, 'refusal' in confirmed ? confirmed.refusal : '');
      assert.ok('needsApproval' in (await cancelPayment(deps, confirmed.confirmed, ['INSTR-1'])));
      const { browser, page } = await atPaymentStep(request);
      assert.match(page.body, new RegExp(`Annulation demandée par ${REGISTERED_NAME}`));
      assert.match(page.body, /ne seront pas exécutés/);
      assert.match(page.body, /Compte débité<\/dt><dd>[^<]*FR76 1380 7008 0430 0196 5405 255/);
      assert.deepEqual(offered(page), []);
      redirectOf(await browser.post('/sca/payment', { action: 'approve' }));
      const approved = await stored(request);
      assert.equal(approved?.status, 'accepted');
      assert.ok(approved?.modification?.approvedAt);
    });

    test('a form without the CSRF token of its session is refused with 403, as on the other steps', async () => {
      const request = await initiate();
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${request.id}`);
      const csrf = browser.csrf;
      browser.csrf = 'forged';
      const forged = await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      assert.equal(forged.statusCode, 403);
      assert.equal(forged.headers.location, undefined);
      browser.csrf = csrf;
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      browser.csrf = '';
      const missing = await browser.post('/sca/payment', {
        debtorAccount: MARC_SMALL_ACCOUNT ?? '',
        action: 'approve',
      });
      assert.equal(missing.statusCode, 403);
      assert.equal((await stored(request))?.status, 'received');
    });
  });

  test(`the bank's systems down at the payment step: unsuccessfulReportUrl with temporarily_unavailable, the request unchanged (${engine})`, async () => {
    let down = false;
    const sandbox = sandboxCoreBanking();
    const failing: CoreBanking = {
      ...sandbox,
      balances: async (iban) => {
        if (down) throw new CoreBankingUnavailable('the core banking system did not answer');
        return sandbox.balances(iban);
      },
    };
    const clock = testClock();
    const bank = await injectApp(engine, {
      now: clock.now,
      coreBanking: failing,
      strongAuthentication: sandboxStrongAuthentication(),
    });
    try {
      await bank.onboard(bank.pki.acme, ['PSP_PI']);
      const { payments, coreBanking } = bank.app.services;
      const outcome = await initiatePayment(
        { payments, coreBanking, now: clock.now },
        {
          establishment: bank.app.services.config.defaultCdetab,
          clientId: bank.pki.acme.organizationIdentifier,
          paymentInformationId: 'PAY-DOWN',
          instant: false,
          debtorIban: undefined,
          instructions: [instruction()],
          successUrl: SUCCESS_URL,
          failureUrl: FAILURE_URL,
          exemptionRequested: false,
          document: {},
        },
      );
      assert.ok('request' in outcome);
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${outcome.request.id}`);
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      down = true;
      const back = redirectOf(await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' }));
      assert.equal(`${back.origin}${back.pathname}`, 'https://merchant.example/payment/ko');
      assert.equal(back.searchParams.get('error'), 'temporarily_unavailable');
      const after = await payments.find(outcome.request.establishment, outcome.request.id);
      assert.deepEqual([after?.status, after?.revision], ['received', outcome.request.revision]);
    } finally {
      await bank.close();
    }
  });
}
