import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  completeSandboxPaymentApproval,
  createStetClient,
  memoryTokenStore,
  type PaymentOrder,
  ResponseSignatureError,
  type StetClient,
  StetError,
  type TokenStore,
} from '../src/index.ts';
import { type Sandbox, startSandbox } from './helpers/sandbox.ts';

const MARC = 'D0999990I0';
const MARC_5158 = 'FR7613807008043001965405158';
const MARC_5255 = 'FR7613807008043001965405255';
/** Claire Bernard, one of Marc's trusted beneficiaries. */
const CLAIRE = { name: 'Claire Bernard', iban: 'FR7620041010050001234560463' } as const;
const PAID = 'https://acme.example/payments/paid';
const REFUSED = 'https://acme.example/payments/refused';

const orderOf = (amount: string, more: Partial<PaymentOrder> = {}): PaymentOrder => ({
  creditor: CLAIRE,
  amount,
  remittance: 'Garde mai',
  successfulReportUrl: PAID,
  unsuccessfulReportUrl: REFUSED,
  ...more,
});

const refusedWith = (status: number, code: string) => (error: unknown) =>
  error instanceof StetError && error.status === status && error.code === code;

describe('the SDK as a payment initiator (PISP) against the real sandbox over real TLS', () => {
  let sandbox: Sandbox;
  const clients: StetClient[] = [];

  const client = (overrides: { tokenStore?: TokenStore; bankSealCertificate?: string } = {}) => {
    const { server, ca, qwac, qseal, bankSeal } = sandbox;
    const bank = createStetClient({
      apiBaseUrl: `${server.mtlsUrl}/stet/psd2`,
      authorizationServer: server.publicUrl,
      clientId: 'PSDFR-ACPR-12345',
      qwac: { certificate: qwac.certificatePem, privateKey: qwac.privateKeyPem },
      qseal: { certificate: qseal.certificatePem, privateKey: qseal.privateKeyPem },
      ca,
      bankSealCertificate: bankSeal,
      ...overrides,
    });
    clients.push(bank);
    return bank;
  };

  /** Marc on the approval pages: login, SMS code, then the payment page. */
  const approve = (approvalUrl: string | undefined, more: { debtorIban?: string; action?: 'deny' } = {}) =>
    completeSandboxPaymentApproval({
      approvalUrl: approvalUrl ?? '',
      onlineBankingId: MARC,
      ca: sandbox.ca,
      ...more,
    });

  before(async () => {
    sandbox = await startSandbox();
    // The bank checks Acme's signatures with the QSealC it registered.
    await client().register({ redirectUris: ['https://acme.example/callback'], clientName: 'Acme Pay' });
  });
  after(async () => {
    for (const bank of clients) bank.close();
    await sandbox?.close();
  });

  test('createPaymentRequest: 201 with Location and consentApproval on both versions; the request waits for Marc (RCVD); the client-credentials token is kept under pisp', async () => {
    const store = memoryTokenStore();
    const bank = client({ tokenStore: store });
    for (const version of ['v1', 'v1.4.2'] as const) {
      const created = await bank.createPaymentRequest(orderOf('12.34', { debtorIban: MARC_5158 }), {
        version,
      });
      assert.match(created.id, /^[0-9a-f]{32}$/);
      assert.equal(
        new URL(created.location).pathname,
        `/stet/psd2/${version}/payment-requests/${created.id}`,
      );
      assert.ok(created.approvalUrl?.startsWith(`${sandbox.server.publicUrl}/`), created.approvalUrl);
      assert.equal(
        (created.raw as { appliedAuthenticationApproach?: string }).appliedAuthenticationApproach,
        'REDIRECT',
      );
      const read = await bank.getPaymentRequest(created.id, { version });
      assert.deepEqual(
        [read.id, read.status, read.reason, read.awaitingConfirmation, read.debtorIban],
        [created.id, 'RCVD', undefined, false, MARC_5158],
      );
      assert.equal(read.instructions.length, 1);
      const [instruction] = read.instructions;
      assert.deepEqual(
        [
          instruction?.creditorName,
          instruction?.creditorIban,
          instruction?.currency,
          Number(instruction?.amount),
        ],
        [CLAIRE.name, CLAIRE.iban, 'EUR', 12.34],
      );
    }
    assert.equal((await store.get('pisp'))?.scope, 'pisp');
    assert.equal(await store.get('default'), undefined, "a customer's key is never used for PISP calls");
  });

  test('Marc chooses the debtor account and approves; confirm executes (ACSP), the debit pending on the account he chose; a second confirmation is 409 CONFLICT', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(orderOf('20.00'));
    const back = await approve(created.approvalUrl, { debtorIban: MARC_5255 });
    assert.equal(`${back.origin}${back.pathname}`, PAID);
    assert.ok(back.searchParams.get('code'));
    const approved = await bank.getPaymentRequest(created.id);
    assert.deepEqual([approved.status, approved.awaitingConfirmation], ['ACTC', true]);
    const confirmed = await bank.confirm(created.id);
    assert.deepEqual(
      [
        confirmed.status,
        confirmed.debtorIban,
        confirmed.awaitingConfirmation,
        confirmed.instructions[0]?.status,
      ],
      ['ACSP', MARC_5255, false, 'ACSP'],
    );
    await assert.rejects(bank.confirm(created.id), refusedWith(409, 'CONFLICT'));
  });

  test('confirming before Marc approved is refused (409 PAYMENT_NOT_APPROVED): the bank executes nothing without him', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(orderOf('1.00', { debtorIban: MARC_5158 }), {
      version: 'v1',
    });
    await assert.rejects(
      bank.confirm(created.id, { version: 'v1' }),
      refusedWith(409, 'PAYMENT_NOT_APPROVED'),
    );
    assert.equal((await bank.getPaymentRequest(created.id, { version: 'v1' })).status, 'RCVD');
  });

  test('an instant payment settles at confirmation (ACSC)', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(
      orderOf('5.00', { debtorIban: MARC_5158, instant: true }),
    );
    assert.equal(
      (created.sent.paymentTypeInformation as { localInstrument?: string }).localInstrument,
      'INST',
    );
    await approve(created.approvalUrl);
    const confirmed = await bank.confirm(created.id);
    assert.deepEqual([confirmed.status, confirmed.instructions[0]?.status], ['ACSC', 'ACSC']);
  });

  test('o-confirmation: the code at successfulReportUrl, exchanged without PKCE, confirms with the authorization-code token (1.4.2)', async () => {
    const store = memoryTokenStore();
    const bank = client({ tokenStore: store });
    const created = await bank.createPaymentRequest(orderOf('3.00', { debtorIban: MARC_5158 }));
    const code = (await approve(created.approvalUrl)).searchParams.get('code') ?? '';
    const confirmed = await bank.confirm(created.id, { oConfirmation: { code, redirectUri: PAID } });
    assert.equal(confirmed.status, 'ACSP');
    assert.equal((await store.get('o-confirmation'))?.scope, 'pisp');
    await assert.rejects(
      bank.confirm(created.id, { version: 'v1', oConfirmation: { code, redirectUri: PAID } }),
      /o-confirmation exists in STET 1\.4\.2 only/,
    );
  });

  test('Marc denies: the bank sends him to unsuccessfulReportUrl with an error, the request is RJCT (CUST)', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(orderOf('7.00', { debtorIban: MARC_5158 }));
    const back = await approve(created.approvalUrl, { action: 'deny' });
    assert.equal(`${back.origin}${back.pathname}`, REFUSED);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const refused = await bank.getPaymentRequest(created.id);
    assert.deepEqual([refused.status, refused.reason], ['RJCT', 'CUST']);
  });

  test('cancel before approval: the whole resource again with RJCT / DS02 (both versions); the approval page then refuses Marc', async () => {
    const bank = client();
    for (const version of ['v1', 'v1.4.2'] as const) {
      const created = await bank.createPaymentRequest(orderOf('9.00', { debtorIban: MARC_5158 }), {
        version,
      });
      const cancelled = await bank.cancel(created.id, { version });
      assert.equal(cancelled.approvalUrl, undefined, 'nothing for Marc to approve');
      const read = await bank.getPaymentRequest(created.id, { version });
      assert.deepEqual([read.status, read.reason], ['RJCT', 'DS02']);
      await assert.rejects(approve(created.approvalUrl), /HTTP 400|no page this driver knows/);
    }
    await assert.rejects(bank.cancel('0123456789abcdef0123456789abcdef'), refusedWith(404, 'NOT_FOUND'));
  });

  test('a standing order and a future date are sent in STET terms (frequency, endDate, requestedExecutionDate)', async () => {
    const bank = client();
    const created = await bank
      .createPaymentRequest(
        orderOf('40.00', {
          debtorIban: MARC_5158,
          executionDate: '2099-01-05',
          standingOrder: { frequency: 'MNTH', endDate: '2099-06-30', executionRule: 'FWNG' },
        }),
      )
      .catch((error: unknown) => error);
    // 2099 is further than the bank takes (365 days ahead): the refusal names the field.
    assert.ok(
      created instanceof StetError && created.status === 400 && created.code === 'FF01',
      String(created),
    );
    assert.match(created.message, /requestedExecutionDate/);
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const ok = await bank.createPaymentRequest(
      orderOf('40.00', { debtorIban: MARC_5158, executionDate: day, standingOrder: { frequency: 'MNTH' } }),
    );
    const [instruction] = (ok.sent.creditTransferTransaction ?? []) as { frequency?: string }[];
    assert.equal(instruction?.frequency, 'MNTH');
    const read = await bank.getPaymentRequest(ok.id);
    assert.deepEqual([read.status, read.instructions[0]?.executionDate], ['RCVD', day]);
  });

  test('the same resource posted again (network failure, retry) gives back the same request; another body under its reference is 409 CONFLICT', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(orderOf('11.00', { debtorIban: MARC_5158 }));
    const again = await bank.createPaymentRequest(created.sent);
    assert.deepEqual([again.id, again.location], [created.id, created.location]);
    await assert.rejects(
      bank.createPaymentRequest(
        orderOf('12.00', { paymentInformationId: created.sent.paymentInformationId }),
      ),
      refusedWith(409, 'CONFLICT'),
    );
  });

  test('refusals are StetError naming the field: an http report URL is 400 FF01', async () => {
    const bank = client();
    await assert.rejects(
      bank.createPaymentRequest(orderOf('1.00', { successfulReportUrl: 'http://acme.example/paid' })),
      (error: unknown) =>
        refusedWith(400, 'FF01')(error) && /successfulReportUrl/.test((error as StetError).message),
    );
  });

  test('a PISP answer signed by another key than the bank seal configured is rejected (STET CR199)', async () => {
    const bank = client({ bankSealCertificate: sandbox.qseal.certificatePem });
    await assert.rejects(
      bank.createPaymentRequest(orderOf('1.00')),
      (error: unknown) => error instanceof ResponseSignatureError && /does not verify/.test(error.message),
    );
  });

  test('completeSandboxPaymentApproval refuses an account the page does not offer, naming those it offers', async () => {
    const bank = client();
    const created = await bank.createPaymentRequest(orderOf('2.00'));
    await assert.rejects(
      approve(created.approvalUrl, { debtorIban: 'FR7613807008043001965406128' }),
      /does not offer FR7613807008043001965406128 for this payment \(it offers the accounts that can pay: FR76/,
    );
  });
});
