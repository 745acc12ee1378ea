import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { isErrorModel, parseAmount, type StetVersion } from '@openstet/protocol';
import type { Browser, Page } from 'playwright-core';
import { addDays, utcDate } from '../src/core/accounts/calendar-day.ts';
import { catchNavigations, launchChromium, NO_CHROMIUM } from './helpers/chromium.ts';
import { stoppedClock } from './helpers/clock.ts';
import { type HttpsResponse, httpsCall } from './helpers/https-client.ts';
import { authorizeUrl, MARC, REDIRECT_URI, TPP_PKCE } from './helpers/journey.ts';
import { PAYMENT_REQUESTS, paymentBody, pispCredentials } from './helpers/payment-calls.ts';
import { licence, type TestPki, type TppCredentials, testPki } from './helpers/pki.ts';
import { servedSchemaErrors, swaggerErrors } from './helpers/response-schemas.ts';
import { ENGINES } from './helpers/stores.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { signedHeaders } from './helpers/tpp-request.ts';

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT';

const [MARC_MAIN] = MARC.accounts as [string, string];
/** Every account of Marc's can pay 50 EUR, his third one too (it is in no consent of Acme's: a payment needs none). */
const MARC_PAYING_ACCOUNTS = [...MARC.accounts, 'FR7613807008043001965405352'];
/** Marc's main account covers 4 179.00 exactly (seed acceptance cases: solde minute, no overdraft). */
const MAIN_AVAILABLE = 4179;
const PAYNOW = 'https://paynow.example';
/** `paymentBody`'s call-backs: where the browser lands after an approval, and after anything else. */
const SUCCESS_URL = `${PAYNOW}/payment/ok`;
const FAILURE_URL = `${PAYNOW}/payment/ko`;

/** STET's 1.4.0.47 Swagger definition of each 2xx answer of this journey, by method and path template. */
const SWAGGER_DEFINITION: Readonly<Record<string, string>> = {
  'POST /payment-requests': 'HalPaymentRequestCreation',
  'GET /payment-requests/{paymentRequestResourceId}': 'HalPaymentRequest',
  'PUT /payment-requests/{paymentRequestResourceId}': 'HalPaymentRequestCreation',
  'POST /payment-requests/{paymentRequestResourceId}/confirmation': 'HalPaymentRequest',
  'GET /accounts': 'HalAccounts',
  'GET /accounts/{accountResourceId}/balances': 'HalBalances',
  'GET /accounts/{accountResourceId}/transactions': 'HalTransactions',
  'POST /funds-confirmations': 'HalPaymentCoverageReport',
};

/** `/stet/psd2/v1/payment-requests/4f2…/confirmation` → `v1` and the OpenAPI path template it answers. */
function operationOf(path: string): { readonly version: StetVersion; readonly template: string } {
  const [, version = '', rest = ''] = /^\/stet\/psd2\/(v1(?:\.4\.2)?)(\/[^?]*)/.exec(path) ?? [];
  const template = rest
    .replace(/^\/payment-requests\/[^/]+/, '/payment-requests/{paymentRequestResourceId}')
    .replace(/^\/accounts\/[^/]+/, '/accounts/{accountResourceId}');
  return { version: version as StetVersion, template };
}

/** `paymentBody` of `version` with the instruction's remittance set to `remittance` (to find its debit) and `changes`. */
function paymentOf(version: StetVersion, remittance: string, changes: Json = {}): Json {
  const body = paymentBody(version);
  const [transfer] = body.creditTransferTransaction as [Json];
  const remittanceInformation = version === 'v1' ? [remittance] : { unstructured: [remittance] };
  return { ...body, creditTransferTransaction: [{ ...transfer, remittanceInformation, ...changes }] };
}

/** The first Monday after `today` (never today): a standing order's start in the days to come. */
function nextMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, (8 - weekday) % 7 || 7);
}

/** Marc's browser on the payment page: the page, where it goes next (caught at the PISP), and what it reads. */
interface PaymentPage {
  readonly page: Page;
  readonly landing: () => Promise<URL>;
  readonly text: string;
  /** The IBANs of the `debtorAccount` radios. */
  readonly debtorChoices: readonly (string | null)[];
}

for (const engine of ENGINES) {
  describe(`Marc pays through PayNow in a real browser: approval, confirmation, money moved, seen by AISP and CBPII (${engine})`, () => {
    /** The bank's clock: still unless a test moves it, and only ever forward (one server for every case). */
    const clock = stoppedClock();
    const agent = new Agent({ keepAlive: true });
    const documents = new Map<StetVersion, unknown>();
    let bank: TestServer;
    let pki: TestPki;
    let pisp: TppCredentials;
    let browser: Browser | undefined;
    let pispAccess: string;
    let cbpiiAccess: string;
    let aisp: { access_token: string; refresh_token: string };

    before(async () => {
      if (NO_CHROMIUM) return;
      pki = await testPki();
      [pisp, bank, browser] = await Promise.all([
        pispCredentials(pki.ca),
        startTestServer(
          engine,
          undefined,
          // Only the tests run the scheduler (one tick at a time); the pages give up after 4 s idle.
          { OPENSTET_SCA_INACTIVITY_SECONDS: '4', OPENSTET_PAYMENT_SCHEDULER_SECONDS: '0' },
          clock.now,
        ),
        launchChromium(),
      ]);
      await onboard(pki.acme, ['PSP_IC', 'PSP_AI'], REDIRECT_URI);
      await onboard(pisp, ['PSP_PI', 'PSP_AI'], SUCCESS_URL);
      for (const version of ['v1', 'v1.4.2'] as const) documents.set(version, await servedDocument(version));
      pispAccess = await pispClientCredentials();
      const [cbpii, aispTokens] = await Promise.all([
        authorizeAndExchange('cbpii'),
        authorizeAndExchange('aisp'),
      ]);
      cbpiiAccess = cbpii.access_token;
      aisp = aispTokens;
    });
    after(async () => {
      await browser?.close();
      agent.destroy();
      await bank?.close();
    });

    function mtls(
      tpp: TppCredentials,
      path: string,
      call: { method: string; headers?: Record<string, string>; body?: string },
    ): Promise<HttpsResponse> {
      return httpsCall(`${bank.server.mtlsUrl}${path}`, {
        ca: pki.ca.certificatePem,
        cert: tpp.qwac.certificatePem,
        key: tpp.qwac.privateKeyPem,
        agent,
        ...call,
      });
    }

    /** Licensed in the register for `roles`, then `POST /register` over its QWAC (RFC 7591). */
    async function onboard(
      tpp: TppCredentials,
      roles: readonly ('PSP_IC' | 'PSP_AI' | 'PSP_PI')[],
      uri: string,
    ) {
      await bank.server.app.registry.save(licence(tpp, { roles }));
      const registered = await mtls(tpp, '/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [uri],
          client_name: tpp.name,
          signing_certificate: tpp.qseal.certificatePem,
        }),
      });
      assert.equal(registered.status, 201, registered.body);
    }

    async function servedDocument(version: StetVersion): Promise<unknown> {
      const url = `${bank.server.publicUrl}/stet/psd2/${version}/openapi.json`;
      return JSON.parse((await httpsCall(url, { ca: pki.ca.certificatePem })).body);
    }

    /** `POST /token` over the TPP's QWAC; the 200 answer. */
    async function tokens(tpp: TppCredentials, parameters: Record<string, string>) {
      const response = await mtls(tpp, '/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: tpp.organizationIdentifier, ...parameters }).toString(),
      });
      assert.equal(response.status, 200, response.body);
      return JSON.parse(response.body) as { access_token: string; refresh_token: string };
    }

    /** PayNow's client-credentials `pisp` token (STET Part I §3.4.3), an hour long: taken again after the clock moves. */
    const pispClientCredentials = async () =>
      (await tokens(pisp, { grant_type: 'client_credentials', scope: 'pisp' })).access_token;

    /** A new page whose navigations to `origin` (the TPP) are caught. */
    async function newPage(origin: string): Promise<{ page: Page; landing: () => Promise<URL> }> {
      const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
      const page = await context.newPage();
      return { page, landing: await catchNavigations(page, origin) };
    }

    /** Marc signs in and types the SMS code: the steps every pass on the bank's pages begins with. */
    async function signIn(page: Page): Promise<void> {
      await page.fill('input[name="username"]', MARC.id);
      await page.click('button[name="action"][value="approve"]');
      await page.fill('input[name="otp"]', MARC.otp);
      await page.click('button[name="action"][value="approve"]');
    }

    /** Marc lets Acme read his two accounts (`aisp`) or check their funds (`cbpii`) through the consent pages. */
    async function authorizeAndExchange(scope: 'aisp' | 'cbpii') {
      const { page, landing } = await newPage(new URL(REDIRECT_URI).origin);
      await page.goto(`${bank.server.publicUrl}${authorizeUrl(pki.acme, { scope, state: scope })}`);
      await signIn(page);
      for (const iban of MARC.accounts) await page.check(`input[name="accounts"][value="${iban}"]`);
      await page.click('button[name="action"][value="approve"]');
      const code = (await landing()).searchParams.get('code') ?? '';
      await page.context().close();
      return tokens(pki.acme, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: TPP_PKCE.verifier,
      });
    }

    /** A 2xx body against the document the bank serves and, on 1.4.0.47, against STET's Swagger. */
    function assertValid(method: Method, path: string, status: number, body: unknown): void {
      const { version, template } = operationOf(path);
      const document = documents.get(version);
      assert.equal(
        servedSchemaErrors(document, method, template, status, body),
        undefined,
        `${method} ${path}`,
      );
      const definition = SWAGGER_DEFINITION[`${method} ${template}`] ?? `none for ${method} ${template}`;
      if (version === 'v1') assert.equal(swaggerErrors(definition, body), undefined, `${method} ${path}`);
    }

    /**
     * A STET call as a TPP sends it: over its QWAC, signed at the bank's (moved) time, the PSU present
     * (`PSU-IP-Address`). The answer must have `status`: a 2xx body valid, an error an ErrorModel.
     */
    async function stet(
      tpp: TppCredentials,
      accessToken: string,
      call: { method: Method; path: string; status: number; body?: unknown },
    ) {
      const text = call.body === undefined ? undefined : JSON.stringify(call.body);
      const headers = await signedHeaders(tpp, {
        method: call.method,
        url: call.path,
        ...(text !== undefined ? { body: text } : {}),
        headers: {
          authorization: `Bearer ${accessToken}`,
          date: clock.now().toUTCString(),
          'psu-ip-address': '192.0.2.10',
        },
      });
      const response = await mtls(tpp, call.path, {
        method: call.method,
        headers,
        ...(text ? { body: text } : {}),
      });
      assert.equal(response.status, call.status, `${call.method} ${call.path}: ${response.body}`);
      const body = JSON.parse(response.body);
      if (response.status < 300) assertValid(call.method, call.path, response.status, body);
      else assert.ok(isErrorModel(body), response.body);
      return { headers: response.headers, body };
    }

    const pispStet = (method: Method, path: string, status: number, body?: unknown) =>
      stet(pisp, pispAccess, { method, path, status, ...(body !== undefined ? { body } : {}) });

    /** `POST /payment-requests`: 201, REDIRECT, the request's id (from `Location`) and its consentApproval link. */
    async function createPayment(version: StetVersion, body: Json) {
      const created = await pispStet('POST', PAYMENT_REQUESTS(version), 201, body);
      assert.equal(created.body.appliedAuthenticationApproach, 'REDIRECT');
      const id = String(created.headers.location).split('/').at(-1) ?? '';
      return { id, approval: String(created.body._links.consentApproval.href) };
    }

    const paymentRequest = async (version: StetVersion, id: string) =>
      (await pispStet('GET', `${PAYMENT_REQUESTS(version)}/${id}`, 200)).body.paymentRequest;

    /** `RJCT CUST`: the request's paymentInformationStatus and its reason, as GET gives them. */
    async function statusOf(version: StetVersion, id: string): Promise<string> {
      const request = await paymentRequest(version, id);
      return [request.paymentInformationStatus, request.statusReasonInformation].filter(Boolean).join(' ');
    }

    const confirm = async (version: StetVersion, id: string, status: number) =>
      (await pispStet('POST', `${PAYMENT_REQUESTS(version)}/${id}/confirmation`, status, {})).body;

    /** Marc opens the consentApproval link, signs in and types the SMS code: the payment page. */
    async function paymentPage(approval: string): Promise<PaymentPage> {
      const { page, landing } = await newPage(PAYNOW);
      await page.goto(approval);
      await signIn(page);
      await page.waitForSelector('form[action="/sca/payment"]');
      const radios = await page.locator('input[name="debtorAccount"]').all();
      const debtorChoices = await Promise.all(radios.map((radio) => radio.getAttribute('value')));
      return { page, landing, text: (await page.textContent('main')) ?? '', debtorChoices };
    }

    /** On the payment page, Marc picks `debtorIban` and approves: where his browser lands. */
    async function approveOn(opened: PaymentPage, debtorIban = MARC_MAIN): Promise<URL> {
      await opened.page.check(`input[name="debtorAccount"][value="${debtorIban}"]`);
      await opened.page.click('button[name="action"][value="approve"]');
      const landed = await opened.landing();
      await opened.page.context().close();
      return landed;
    }

    /** Where a browser landed, without its query. */
    const pageOf = (url: URL) => url.origin + url.pathname;

    /** An AISP read by Acme (attended), at the bank's time. */
    const aispGet = async (path: string) =>
      (await stet(pki.acme, aisp.access_token, { method: 'GET', path, status: 200 })).body;

    async function mainAccountLinks(version: StetVersion) {
      const { accounts } = await aispGet(`/stet/psd2/${version}/accounts`);
      const main = accounts.find((account: { accountId: Json }) => account.accountId.iban === MARC_MAIN);
      return main._links as { balances: { href: string }; transactions: { href: string } };
    }

    /** The instant balance (XPCD) of Marc's main account, in cents. */
    async function instantBalance(version: StetVersion): Promise<bigint> {
      const { balances } = await aispGet((await mainAccountLinks(version)).balances.href);
      const xpcd = balances.find((balance: Json) => balance.balanceType === 'XPCD');
      return parseAmount(String(xpcd.balanceAmount.amount), xpcd.balanceAmount.currency).minorUnits;
    }

    /** The entries of Marc's main account whose remittance is `remittance`, newest first. */
    async function entriesOf(version: StetVersion, remittance: string): Promise<Json[]> {
      const { transactions } = await aispGet((await mainAccountLinks(version)).transactions.href);
      return transactions.filter((entry: Json) => JSON.stringify(entry).includes(remittance));
    }

    /** Does the funds check (CBPII, Acme) say Marc's main account covers `amount`? */
    async function covered(amount: string): Promise<boolean> {
      const { body } = await stet(pki.acme, cbpiiAccess, {
        method: 'POST',
        path: '/stet/psd2/v1/funds-confirmations',
        status: 200,
        body: {
          paymentCoverageRequestId: 'MyCoverage123456',
          instructedAmount: { currency: 'EUR', amount },
          accountId: { iban: MARC_MAIN },
        },
      });
      return body.result;
    }

    test('Marc approves 50 EUR from the account he picks; PayNow confirms: ACSP, the balance, the transactions and the funds check move by 50; booked a minute later (ACSC)', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const start = await instantBalance('v1');
      assert.equal(await covered(`${MAIN_AVAILABLE}.00`), true);
      const { id, approval } = await createPayment('v1', paymentOf('v1', 'Marc pays 50 EUR'));
      assert.equal(await statusOf('v1', id), 'RCVD');
      const opened = await paymentPage(approval);
      assert.match(opened.text, /Paiement demandé par PayNow/);
      assert.match(opened.text, /50,00\s€/);
      assert.match(opened.text, /Boulangerie Martin/);
      assert.match(opened.text, /FR76 3000 6000 0112 3456 7890 189/);
      assert.deepEqual(opened.debtorChoices, MARC_PAYING_ACCOUNTS);
      const landed = await approveOn(opened);
      assert.equal(pageOf(landed), SUCCESS_URL);
      assert.ok(landed.searchParams.get('code'), landed.href);
      assert.equal(await statusOf('v1', id), 'ACTC');
      const { paymentRequest: confirmed } = await confirm('v1', id, 200);
      assert.equal(confirmed.paymentInformationStatus, 'ACSP');
      assert.equal(confirmed.debtorAccount.iban, MARC_MAIN);
      assert.equal(start - (await instantBalance('v1')), 5000n);
      const [debit] = await entriesOf('v1', 'Marc pays 50 EUR');
      assert.deepEqual(
        [debit?.status, debit?.creditDebitIndicator, debit?.transactionAmount],
        ['PDNG', 'DBIT', { currency: 'EUR', amount: '50.00' }],
      );
      assert.equal(await covered(`${MAIN_AVAILABLE}.00`), false, 'the threshold moved by 50');
      assert.equal(await covered(`${MAIN_AVAILABLE - 50}.00`), true);
      clock.advance(61);
      await bank.server.app.services.runScheduledPayments();
      assert.equal(await statusOf('v1', id), 'ACSC');
      assert.deepEqual(
        (await entriesOf('v1', 'Marc pays 50 EUR')).map((entry) => entry.status),
        ['BOOK'],
      );
      assert.equal(await covered(`${MAIN_AVAILABLE - 50}.00`), true, 'booking moves no money twice');
    });

    test('Marc refuses the payment: his browser lands at unsuccessfulReportUrl, the request is RJCT CUST', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const { id, approval } = await createPayment('v1.4.2', paymentOf('v1.4.2', 'Refused by Marc'));
      const opened = await paymentPage(approval);
      await opened.page.click('button[name="action"][value="deny"]');
      const landed = await opened.landing();
      await opened.page.context().close();
      assert.deepEqual([pageOf(landed), landed.searchParams.get('error')], [FAILURE_URL, 'access_denied']);
      assert.equal(await statusOf('v1.4.2', id), 'RJCT CUST');
      assert.equal((await confirm('v1.4.2', id, 409)).error, 'CONFLICT');
    });

    test('Marc leaves the payment page idle: the page itself (no JavaScript) sends him to unsuccessfulReportUrl, the request is RJCT NOAS', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const { id, approval } = await createPayment('v1', paymentOf('v1', 'Left unanswered'));
      const opened = await paymentPage(approval);
      const landed = await opened.landing();
      await opened.page.context().close();
      assert.deepEqual([pageOf(landed), landed.searchParams.get('error')], [FAILURE_URL, 'access_denied']);
      assert.match(landed.searchParams.get('error_description') ?? '', /RTS Art\. 4\(3\)\(d\)/);
      assert.equal(await statusOf('v1', id), 'RJCT NOAS');
    });

    test('PayNow cancels an approved payment before confirming it (RJCT DS02): nothing moves, the confirmation is refused (409)', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const start = await instantBalance('v1.4.2');
      const { id, approval } = await createPayment('v1', paymentOf('v1', 'Cancelled by PayNow'));
      assert.equal(pageOf(await approveOn(await paymentPage(approval))), SUCCESS_URL);
      const stored = await paymentRequest('v1', id);
      await pispStet('PUT', `${PAYMENT_REQUESTS('v1')}/${id}`, 200, {
        ...stored,
        paymentInformationStatus: 'RJCT',
        statusReasonInformation: 'DS02',
      });
      assert.equal(await statusOf('v1', id), 'RJCT DS02');
      assert.equal((await confirm('v1', id, 409)).error, 'CONFLICT');
      assert.equal(await instantBalance('v1.4.2'), start);
    });

    test('an instant payment (localInstrument INST): ACSC at confirmation, booked at once', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const start = await instantBalance('v1.4.2');
      const body = paymentOf('v1.4.2', 'Instant 50 EUR');
      const { id, approval } = await createPayment('v1.4.2', {
        ...body,
        paymentTypeInformation: { ...(body.paymentTypeInformation as Json), localInstrument: 'INST' },
      });
      assert.equal(pageOf(await approveOn(await paymentPage(approval))), SUCCESS_URL);
      const { paymentRequest: confirmed } = await confirm('v1.4.2', id, 200);
      assert.equal(confirmed.paymentInformationStatus, 'ACSC');
      assert.equal(start - (await instantBalance('v1.4.2')), 5000n);
      assert.deepEqual(
        (await entriesOf('v1.4.2', 'Instant 50 EUR')).map((entry) => entry.status),
        ['BOOK'],
      );
      assert.equal(await statusOf('v1.4.2', id), 'ACSC');
    });

    test('a daily standing order from next Monday to Tuesday: each execution appears on its date as the clock moves, none before or after', async (t) => {
      if (NO_CHROMIUM) return t.skip(NO_CHROMIUM);
      const monday = nextMonday(utcDate(clock.now()));
      const { id, approval } = await createPayment(
        'v1.4.2',
        paymentOf('v1.4.2', 'Daily pocket money', {
          instructedAmount: { currency: 'EUR', amount: 10 },
          requestedExecutionDate: `${monday}T00:00:00.000Z`,
          frequency: 'DAIL',
          endDate: `${addDays(monday, 1)}T00:00:00.000Z`,
          executionRule: 'FWNG',
        }),
      );
      assert.equal(pageOf(await approveOn(await paymentPage(approval))), SUCCESS_URL);
      assert.equal((await confirm('v1.4.2', id, 200)).paymentRequest.paymentInformationStatus, 'ACSP');
      const start = await instantBalance('v1.4.2');
      /** At 08:00 on `date`, after a scheduler tick: the cents debited so far, and the executions listed. */
      const paidOn = async (date: string) => {
        clock.advance((Date.parse(`${date}T08:00:00Z`) - clock.now().getTime()) / 1000);
        // Access tokens live an hour: days later, the TPPs come back with fresh ones.
        pispAccess = await pispClientCredentials();
        aisp.access_token = (
          await tokens(pki.acme, { grant_type: 'refresh_token', refresh_token: aisp.refresh_token })
        ).access_token;
        await bank.server.app.services.runScheduledPayments();
        const debited = start - (await instantBalance('v1.4.2'));
        return [debited, (await entriesOf('v1.4.2', 'Daily pocket money')).length];
      };
      assert.deepEqual(await paidOn(addDays(monday, -1)), [0n, 0], 'nothing before the first date');
      assert.deepEqual(await paidOn(monday), [1000n, 1]);
      assert.deepEqual(await paidOn(addDays(monday, 1)), [2000n, 2]);
      assert.deepEqual(await paidOn(addDays(monday, 3)), [2000n, 2], 'nothing after the end date');
      clock.advance(120);
      await bank.server.app.services.runScheduledPayments();
      assert.equal(await statusOf('v1.4.2', id), 'ACSC');
    });
  });
}
