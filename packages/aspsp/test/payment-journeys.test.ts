import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { StetVersion } from '@openstet/protocol';
import { addDays, utcDate } from '../src/core/accounts/calendar-day.ts';
import { stoppedClock } from './helpers/clock.ts';
import { stetGet } from './helpers/information-read.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { Browser, FUNDS_BODY, fundsCheck, MARC, obtainTokens, redirectOf, token } from './helpers/journey.ts';
import {
  outcomeOf,
  PAYMENT_REQUESTS,
  paymentBody,
  pispCall,
  pispCredentials,
  pispToken,
} from './helpers/payment-calls.ts';
import type { TppCredentials } from './helpers/pki.ts';
import { ENGINES } from './helpers/stores.ts';

type Json = Record<string, unknown>;
const [MARC_MAIN] = MARC.accounts as [string, string];
/** Marc's main account covers 4 179.00 exactly (seed acceptance cases: solde minute, no overdraft). */
const MAIN_AVAILABLE = 4179;

for (const engine of ENGINES) {
  describe(`a payment from request to money moved: PISP, CBPII and AISP see the same account (${engine})`, () => {
    let bank: InjectApp;
    let pisp: TppCredentials;
    let pispAccess: string;
    let cbpiiAccess: string;
    let aispAccess: string;
    const clock = stoppedClock();

    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      pisp = await pispCredentials(bank.pki.ca);
      await bank.onboard(pisp, ['PSP_PI', 'PSP_AI']);
      await bank.onboard(bank.pki.acme, ['PSP_IC', 'PSP_AI']);
      pispAccess = await pispToken(bank, pisp);
      cbpiiAccess = (await obtainTokens(bank, bank.pki.acme, { scope: 'cbpii' })).access_token;
      aispAccess = (await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' })).access_token;
    });
    after(() => bank.close());
    beforeEach(() => clock.reset());

    const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, access = pispAccess) =>
      pispCall(bank, pisp, access, { method, url, body, date: clock.now() });

    /** Posts a payment request; its resource id, from the Location header. */
    async function create(body: Json, version: StetVersion = 'v1.4.2'): Promise<string> {
      const response = await call('POST', PAYMENT_REQUESTS(version), body);
      assert.equal(response.statusCode, 201, outcomeOf(response));
      return String(response.headers.location).split('/').at(-1) ?? '';
    }

    /** Marc opens the approval link, logs in, types the SMS code, picks the account and approves. */
    async function approve(id: string, debtorIban = MARC_MAIN): Promise<URL> {
      const browser = new Browser(bank);
      assert.equal((await browser.get(`/payment-approval/${id}`)).statusCode, 200);
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      const page = await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      assert.match(page.body, new RegExp(`name="debtorAccount" value="${debtorIban}"`));
      return redirectOf(await browser.post('/sca/payment', { debtorAccount: debtorIban, action: 'approve' }));
    }

    const confirm = (id: string, version: StetVersion = 'v1.4.2', access = pispAccess) =>
      call('POST', `${PAYMENT_REQUESTS(version)}/${id}/confirmation`, {}, access);
    const paymentOf = async (id: string, version: StetVersion = 'v1.4.2') => {
      const response = await call('GET', `${PAYMENT_REQUESTS(version)}/${id}`);
      assert.equal(response.statusCode, 200, outcomeOf(response));
      return response.json().paymentRequest as Json & { creditTransferTransaction: Json[] };
    };
    const statusOf = async (id: string, version: StetVersion = 'v1.4.2') => {
      const request = await paymentOf(id, version);
      return [request.paymentInformationStatus, request.statusReasonInformation].filter(Boolean).join(' ');
    };
    const covered = async (amount: string) => {
      const response = await fundsCheck(bank, bank.pki.acme, cbpiiAccess, {
        body: {
          ...FUNDS_BODY,
          instructedAmount: { currency: 'EUR', amount },
          accountId: { iban: MARC_MAIN },
        },
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().result as boolean;
    };
    /** An attended AISP read, signed at the bank's (moved) time. */
    const aispRead = (url: string) =>
      stetGet(bank, bank.pki.acme, aispAccess, url, {
        date: clock.now().toUTCString(),
        'psu-ip-address': '192.0.2.10',
      });
    async function mainAccount() {
      const accounts = await aispRead('/stet/psd2/v1.4.2/accounts');
      return accounts.json().accounts.find((account: Json) => (account.accountId as Json).iban === MARC_MAIN);
    }
    /** The instant balance (XPCD) of Marc's main account, read by the AISP. */
    async function instantBalance(): Promise<number> {
      const main = await mainAccount();
      const balances = await aispRead(main._links.balances.href);
      const xpcd = balances.json().balances.find((balance: Json) => balance.balanceType === 'XPCD');
      return Number(xpcd.balanceAmount.amount);
    }
    async function latestDebitLabel(): Promise<string> {
      const main = await mainAccount();
      const transactions = await aispRead(main._links.transactions.href);
      const [newest] = transactions.json().transactions as Json[];
      return JSON.stringify(newest);
    }

    test('Marc approves 50 EUR, the PISP confirms: ACSP, the debit pending in the balances, the transactions and the funds check; booked a minute later (ACSC)', async () => {
      const before = await instantBalance();
      assert.equal(await covered(`${MAIN_AVAILABLE}.00`), true);
      const id = await create(paymentBody('v1.4.2'));
      assert.equal(await statusOf(id), 'RCVD');
      const back = await approve(id);
      assert.equal(back.origin + back.pathname, 'https://paynow.example/payment/ok');
      assert.equal(await statusOf(id), 'ACTC');
      const confirmed = await confirm(id);
      assert.equal(confirmed.statusCode, 200, outcomeOf(confirmed));
      assert.equal(confirmed.json().paymentRequest.paymentInformationStatus, 'ACSP');
      assert.equal(
        (await paymentOf(id)).debtorAccount && ((await paymentOf(id)).debtorAccount as Json).iban,
        MARC_MAIN,
      );
      assert.equal(Math.round((before - (await instantBalance())) * 100), 5000);
      assert.equal(await covered(`${MAIN_AVAILABLE}.00`), false, 'the threshold moved by 50');
      assert.equal(await covered(`${MAIN_AVAILABLE - 50}.00`), true);
      assert.match(await latestDebitLabel(), /Boulangerie Martin/);
      assert.match(await latestDebitLabel(), /"status":"PDNG"/);
      clock.advance(61);
      await bank.app.services.runScheduledPayments();
      assert.equal(await statusOf(id), 'ACSC');
      assert.match(await latestDebitLabel(), /"status":"BOOK"/);
      assert.equal(await covered(`${MAIN_AVAILABLE - 50}.00`), true, 'booking moves no money twice');
    });

    test('second confirmation → 409, and the money moved once', async () => {
      const id = await create(paymentBody('v1'), 'v1');
      await approve(id);
      const before = await instantBalance();
      assert.equal((await confirm(id, 'v1')).statusCode, 200);
      const second = await confirm(id, 'v1');
      assert.equal(second.statusCode, 409, outcomeOf(second));
      assert.equal(Math.round((before - (await instantBalance())) * 100), 5000);
    });

    test('racing confirmations on two instances of the bank on one database execute once', async () => {
      const other = await injectApp(engine, { now: clock.now, store: bank.store });
      try {
        const id = await create(paymentBody('v1.4.2'));
        await approve(id);
        const before = await instantBalance();
        const [first, second] = await Promise.all([
          confirm(id),
          pispCall(other, pisp, pispAccess, {
            method: 'POST',
            url: `${PAYMENT_REQUESTS('v1.4.2')}/${id}/confirmation`,
            body: {},
            date: clock.now(),
          }),
        ]);
        assert.deepEqual([first.statusCode, second.statusCode].sort(), [200, 409]);
        assert.equal(Math.round((before - (await instantBalance())) * 100), 5000);
      } finally {
        await other.app.close();
      }
    });

    test('o-confirmation with the authorization-code token of the approval; not with client credentials', async () => {
      const body = paymentBody('v1.4.2');
      const id = await create(body);
      const back = await approve(id);
      const code = back.searchParams.get('code') ?? '';
      const exchanged = await token(bank, pisp, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://paynow.example/payment/ok',
      });
      assert.equal(exchanged.statusCode, 200, exchanged.body);
      assert.equal(exchanged.json().refresh_token, undefined, 'a payment approval gives no refresh token');
      const url = `${PAYMENT_REQUESTS('v1.4.2')}/${id}/o-confirmation`;
      const withClientCredentials = await call('POST', url, {});
      assert.equal(withClientCredentials.statusCode, 403, outcomeOf(withClientCredentials));
      const confirmed = await call('POST', url, {}, exchanged.json().access_token);
      assert.equal(confirmed.statusCode, 200, outcomeOf(confirmed));
      assert.equal(confirmed.json().paymentRequest.paymentInformationStatus, 'ACSP');
    });

    test('modification after approval needs re-approval: cancelling one instruction of two sends the request back to the PSU', async () => {
      const body = paymentBody('v1.4.2', undefined, 2);
      const id = await create(body);
      await approve(id);
      const stored = await paymentOf(id);
      const [first, second] = stored.creditTransferTransaction as [Json, Json];
      const cancelled = {
        ...stored,
        creditTransferTransaction: [
          first,
          { ...second, transactionStatus: 'RJCT', statusReasonInformation: 'DS02' },
        ],
      };
      const put = await call('PUT', `${PAYMENT_REQUESTS('v1.4.2')}/${id}`, cancelled);
      assert.equal(put.statusCode, 200, outcomeOf(put));
      assert.match(put.json()._links.consentApproval.href, new RegExp(`/payment-approval/${id}$`));
      assert.equal(await statusOf(id), 'RCVD');
      const early = await confirm(id);
      assert.equal(early.statusCode, 409, outcomeOf(early));
      const before = await instantBalance();
      await approve(id);
      assert.equal((await confirm(id)).statusCode, 200);
      const after = await paymentOf(id);
      assert.deepEqual(
        after.creditTransferTransaction.map((instruction) => instruction.transactionStatus),
        ['ACSP', 'RJCT'],
      );
      assert.equal(Math.round((before - (await instantBalance())) * 100), 5000, 'one instruction paid');
    });

    test('cancellation before confirmation: RJCT DS02, nothing moves, confirmation refused', async () => {
      const id = await create(paymentBody('v1'), 'v1');
      await approve(id);
      const stored = await paymentOf(id, 'v1');
      const put = await call('PUT', `${PAYMENT_REQUESTS('v1')}/${id}`, {
        ...stored,
        paymentInformationStatus: 'RJCT',
        statusReasonInformation: 'DS02',
      });
      assert.equal(put.statusCode, 200, outcomeOf(put));
      assert.equal(await statusOf(id, 'v1'), 'RJCT DS02');
      assert.equal((await confirm(id, 'v1')).statusCode, 409);
    });

    test('an approval the PISP does not confirm within 15 minutes is rejected (MS03) and never executes', async () => {
      const id = await create(paymentBody('v1.4.2'));
      const back = await approve(id);
      assert.equal(back.pathname, '/payment/ok', back.href);
      assert.equal(await statusOf(id), 'ACTC');
      clock.advance(15 * 60 + 1);
      assert.equal(await statusOf(id), 'RJCT MS03');
      const late = await confirm(id);
      assert.equal(late.statusCode, 409, outcomeOf(late));
    });

    test('a confirmed standing order is cancelled with the PSU’s approval and the PISP’s confirmation; then it stops; a booked payment cannot be cancelled', async () => {
      const today = utcDate(clock.now());
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      const monday = addDays(today, (8 - weekday) % 7 || 7);
      const body = paymentBody('v1.4.2');
      const [transfer] = body.creditTransferTransaction as [Json];
      const id = await create({
        ...body,
        creditTransferTransaction: [
          {
            ...transfer,
            instructedAmount: { currency: 'EUR', amount: 10 },
            requestedExecutionDate: `${monday}T00:00:00.000Z`,
            frequency: 'WEEK',
            executionRule: 'FWNG',
          },
        ],
      });
      await approve(id);
      assert.equal((await confirm(id)).statusCode, 200);
      const stored = await paymentOf(id);
      const put = await call('PUT', `${PAYMENT_REQUESTS('v1.4.2')}/${id}`, {
        ...stored,
        paymentInformationStatus: 'RJCT',
        statusReasonInformation: 'DS02',
      });
      assert.equal(put.statusCode, 200, outcomeOf(put));
      assert.match(put.json()._links.consentApproval.href, new RegExp(`/payment-approval/${id}$`));
      const early = await confirm(id);
      assert.equal(early.statusCode, 409, outcomeOf(early));
      const browser = new Browser(bank);
      await browser.get(`/payment-approval/${id}`);
      await browser.post('/sca/login', { username: MARC.id, action: 'approve' });
      await browser.post('/sca/otp', { otp: MARC.otp, action: 'approve' });
      redirectOf(await browser.post('/sca/payment', { action: 'approve' }));
      assert.equal((await confirm(id)).statusCode, 200);
      assert.equal(await statusOf(id), 'RJCT DS02');
      const start = await instantBalance();
      clock.advance((Date.parse(`${monday}T08:00:00Z`) - clock.now().getTime()) / 1000);
      pispAccess = await pispToken(bank, pisp);
      aispAccess = (await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' })).access_token;
      await bank.app.services.runScheduledPayments();
      assert.equal(await instantBalance(), start, 'no execution after the cancellation');

      clock.reset();
      pispAccess = await pispToken(bank, pisp);
      aispAccess = (await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' })).access_token;
      const instant = paymentBody('v1.4.2');
      const paid = await create({
        ...instant,
        paymentTypeInformation: { serviceLevel: 'SEPA', localInstrument: 'INST' },
      });
      await approve(paid);
      assert.equal((await confirm(paid)).statusCode, 200);
      const booked = await paymentOf(paid);
      const refused = await call('PUT', `${PAYMENT_REQUESTS('v1.4.2')}/${paid}`, {
        ...booked,
        paymentInformationStatus: 'RJCT',
        statusReasonInformation: 'DS02',
      });
      assert.equal(refused.statusCode, 409, outcomeOf(refused));
    });

    test('insufficient funds at execution: RJCT with MS03 and fundsAvailability false, nothing debited', async () => {
      const amount = (value: number) => ({ currency: 'EUR', amount: value });
      const big = (reference: string) => {
        const body = paymentBody('v1.4.2', reference);
        const [transfer] = body.creditTransferTransaction as [Json];
        return { ...body, creditTransferTransaction: [{ ...transfer, instructedAmount: amount(3000) }] };
      };
      const first = await create(big(`BIG-A-${Date.now()}`));
      const second = await create(big(`BIG-B-${Date.now()}`));
      await approve(first);
      await approve(second);
      assert.equal((await confirm(first)).statusCode, 200);
      const refused = await confirm(second);
      assert.equal(refused.statusCode, 200, outcomeOf(refused));
      const request = refused.json().paymentRequest;
      assert.deepEqual(
        [request.paymentInformationStatus, request.statusReasonInformation, request.fundsAvailability],
        ['RJCT', 'MS03', false],
      );
    });

    test('a daily standing order from next Monday to Tuesday: each execution appears on its date (clock moved), none before or after', async () => {
      const today = utcDate(clock.now());
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      const monday = addDays(today, (8 - weekday) % 7 || 7);
      const body = paymentBody('v1.4.2');
      const [transfer] = body.creditTransferTransaction as [Json];
      const standing = {
        ...body,
        creditTransferTransaction: [
          {
            ...transfer,
            instructedAmount: { currency: 'EUR', amount: 10 },
            requestedExecutionDate: `${monday}T00:00:00.000Z`,
            frequency: 'DAIL',
            endDate: `${addDays(monday, 1)}T00:00:00.000Z`,
            executionRule: 'FWNG',
          },
        ],
      };
      const id = await create(standing);
      await approve(id);
      assert.equal((await confirm(id)).statusCode, 200);
      const start = await instantBalance();
      const paidAt = async (date: string) => {
        clock.advance((Date.parse(`${date}T08:00:00Z`) - clock.now().getTime()) / 1000);
        // An hour-long access token: the TPPs come back with fresh ones, as they would days later.
        pispAccess = await pispToken(bank, pisp);
        aispAccess = (await obtainTokens(bank, bank.pki.acme, { scope: 'aisp' })).access_token;
        await bank.app.services.runScheduledPayments();
        return Math.round((start - (await instantBalance())) * 100);
      };
      assert.equal(await paidAt(addDays(monday, -1)), 0, 'nothing before the first date');
      assert.equal(await paidAt(monday), 1000);
      assert.equal(await paidAt(addDays(monday, 1)), 2000);
      assert.equal(await paidAt(addDays(monday, 3)), 2000, 'nothing after the end date');
      clock.advance(120);
      await bank.app.services.runScheduledPayments();
      assert.equal(await statusOf(id), 'ACSC');
    });
  });
}
