import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { KeyAndCertificate } from '@openstet/protocol';
import httpSignature from 'http-signature';
import {
  completeSandboxSca,
  createStetClient,
  memoryTokenStore,
  OAuthError,
  ResponseSignatureError,
  type StetClient,
  StetError,
  type TokenStore,
} from '../src/index.ts';
import { signedRequestHeaders } from '../src/request-signature.ts';
import { type Sandbox, startSandbox } from './helpers/sandbox.ts';

const REDIRECT = 'https://tpp.example/callback';
const MARC = 'D0999990I0';
const COVERED = { iban: 'FR7613807008043001965405255', amount: '458.99', currency: 'EUR' } as const;
const NOT_COVERED = { iban: 'FR7613807008043001965405158', amount: '4179.01', currency: 'EUR' } as const;

/** Acme's client for a sandbox, checking the bank's seal unless told otherwise. */
function clientOf(
  sandbox: Sandbox,
  overrides: { tokenStore?: TokenStore; bankSealCertificate?: string } = {},
): StetClient {
  const { server, ca, qwac, qseal, bankSeal } = sandbox;
  return createStetClient({
    apiBaseUrl: `${server.mtlsUrl}/stet/psd2`,
    authorizationServer: server.publicUrl,
    clientId: 'PSDFR-ACPR-12345',
    qwac: { certificate: qwac.certificatePem, privateKey: qwac.privateKeyPem },
    qseal: { certificate: qseal.certificatePem, privateKey: qseal.privateKeyPem },
    ca,
    bankSealCertificate: bankSeal,
    ...overrides,
  });
}

describe('the TPP SDK against the real sandbox over real TLS', () => {
  let sandbox: Sandbox;
  let ca: string;
  let qseal: KeyAndCertificate;
  const clients: StetClient[] = [];

  const client = (overrides: { tokenStore?: TokenStore; bankSealCertificate?: string } = {}) => {
    const bank = clientOf(sandbox, overrides);
    clients.push(bank);
    return bank;
  };

  /** Marc consents on the sandbox pages (plain form posts), the SDK exchanges the code. */
  const login = async (bank: StetClient, scope = 'cbpii', tokenKey?: string) => {
    const { url, state } = bank.authorizationUrl({ scope, redirectUri: REDIRECT });
    const back = await completeSandboxSca({
      authorizationUrl: url,
      onlineBankingId: MARC,
      accounts: [COVERED.iban, NOT_COVERED.iban],
      ca,
    });
    assert.equal(back.searchParams.get('state'), state);
    const code = back.searchParams.get('code');
    assert.ok(code, back.href);
    return bank.exchangeCode({ code, state, redirectUri: REDIRECT, ...(tokenKey ? { tokenKey } : {}) });
  };

  before(async () => {
    sandbox = await startSandbox();
    ({ ca, qseal } = sandbox);
    const registered = (await client().register({ redirectUris: [REDIRECT], clientName: 'Acme Cards' })) as {
      client_id: string;
    };
    assert.equal(registered.client_id, 'PSDFR-ACPR-12345');
  });
  after(async () => {
    for (const bank of clients) bank.close();
    await sandbox?.close();
  });

  test('login through the sandbox pages, then funds checks on both versions, answers verified', async () => {
    const bank = client();
    const tokens = await login(bank);
    assert.ok(tokens.refreshToken);
    assert.equal((await bank.fundsConfirmation(COVERED)).covered, true);
    assert.equal((await bank.fundsConfirmation(NOT_COVERED)).covered, false);
    const v1 = await bank.fundsConfirmation(COVERED, {
      version: 'v1',
      psuHeaders: { 'PSU-IP-Address': '192.0.2.10' },
    });
    assert.equal(v1.covered, true);
    // The call's X-Request-ID, the one the bank echoed, to quote to the bank.
    assert.match(v1.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual((v1.raw as { request: { instructedAmount: unknown } }).request.instructedAmount, {
      currency: 'EUR',
      amount: '458.99',
    });
  });

  test('AISP: accounts, balances, every transaction page through the async iterator (both versions), forwarded consent, beneficiaries, identity', async () => {
    const bank = client();
    await login(bank, 'aisp extended_transaction_history');
    const attended = { psuHeaders: { 'PSU-IP-Address': '192.0.2.10' } };
    for (const version of ['v1', 'v1.4.2'] as const) {
      const { accounts } = await bank.accounts({ ...attended, version });
      assert.deepEqual(
        accounts.map((account) => [account.iban, account.currency, account.balancesAvailable]),
        [
          [NOT_COVERED.iban, 'EUR', true],
          [COVERED.iban, 'EUR', true],
        ],
      );
      const id = accounts[0]?.id ?? '';
      const { balances } = await bank.balances(id, { ...attended, version });
      assert.deepEqual(
        balances.map((balance) => [balance.type, Number(balance.amount).toFixed(2)]),
        [
          ['CLBD', '4348.95'],
          ['XPCD', '4179.00'],
        ],
      );
      const references: string[] = [];
      let pages = 0;
      for await (const page of bank.transactionPages(
        id,
        { dateFrom: '2000-01-01' },
        { ...attended, version },
      )) {
        pages += 1;
        references.push(...page.transactions.map((entry) => entry.entryReference ?? ''));
        assert.ok(page.transactions.every((entry) => entry.label.length > 0 && /^\d/.test(entry.amount)));
      }
      assert.ok(pages > 3, `${pages} pages`);
      assert.equal(new Set(references).size, references.length, 'each entry once');
    }
    const marc5158 = NOT_COVERED.iban;
    await bank.forwardConsent(
      { balances: [marc5158], transactions: [], trustedBeneficiaries: true, psuIdentity: true },
      attended,
    );
    assert.deepEqual(
      (await bank.accounts(attended)).accounts.map((account) => [
        account.iban,
        account.transactionsAvailable,
      ]),
      [[marc5158, false]],
    );
    const { beneficiaries } = await bank.trustedBeneficiaries(attended);
    assert.ok(
      beneficiaries.length >= 3 && beneficiaries.every((beneficiary) => beneficiary.iban?.startsWith('FR')),
    );
    const identity = await bank.endUserIdentity(attended);
    assert.deepEqual([identity.firstName, identity.lastName], ['Marc', 'Dubois']);
    await assert.rejects(
      bank.forwardConsent({
        balances: ['FR7613807008043001965405352'],
        transactions: [],
        trustedBeneficiaries: false,
        psuIdentity: false,
      }),
      (error: unknown) => error instanceof StetError && error.status === 403 && error.code === 'NGAC',
    );
    // Without PSU-IP-Address the reads are unattended: the fifth in 24 h is refused, with the wait.
    const id5158 = (await bank.accounts(attended)).accounts[0]?.id ?? '';
    const unattended = await Promise.allSettled(Array.from({ length: 5 }, () => bank.balances(id5158)));
    const refused = unattended.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    assert.equal(refused.length, 1);
    assert.ok(refused[0] instanceof StetError && refused[0].status === 429 && refused[0].code === 'TMRQ');
    assert.ok((refused[0].retryAfterSeconds ?? 0) > 86_000, 'Retry-After: about a day');
    await assert.rejects(
      bank.balances('0123456789abcdef0123', attended),
      (error: unknown) => error instanceof StetError && error.status === 404 && error.code === 'NOT_FOUND',
    );
  });

  test('tokens about to expire are refreshed before the call; the refresh token stays the same', async () => {
    const store = memoryTokenStore();
    const bank = client({ tokenStore: store });
    const tokens = await login(bank);
    await store.set('default', { ...tokens, expiresAt: Date.now() + 5_000 });
    assert.equal((await bank.fundsConfirmation(COVERED)).covered, true);
    const after = await store.get('default');
    assert.notEqual(after?.accessToken, tokens.accessToken);
    assert.equal(after?.refreshToken, tokens.refreshToken);
  });

  test('after a 401 invalid_token the SDK refreshes once and retries once', async () => {
    const store = memoryTokenStore();
    const bank = client({ tokenStore: store });
    const tokens = await login(bank);
    await bank.refresh(); // the bank now refuses tokens.accessToken
    await store.set('default', { ...tokens, expiresAt: Date.now() + 3_600_000 });
    assert.equal((await bank.fundsConfirmation(COVERED)).covered, true);
    await store.set('default', {
      ...tokens,
      refreshToken: 'not-a-refresh-token',
      expiresAt: Date.now() + 3_600_000,
    });
    await assert.rejects(
      bank.fundsConfirmation(COVERED),
      (error: OAuthError) => error instanceof OAuthError && error.code === 'invalid_grant',
    );
  });

  test('revoke: the bank forgets both tokens, the SDK forgets them too', async () => {
    const store = memoryTokenStore();
    const bank = client({ tokenStore: store });
    const tokens = await login(bank);
    await bank.revoke();
    assert.equal(await store.get('default'), undefined);
    await store.set('default', tokens);
    await assert.rejects(
      bank.fundsConfirmation(COVERED),
      (error: OAuthError) => error instanceof OAuthError && error.code === 'invalid_grant',
    );
  });

  test('a bank error surfaces as StetError with the code, the message and the X-Request-ID', async () => {
    const bank = client();
    await login(bank);
    await assert.rejects(
      bank.fundsConfirmation({ iban: 'FR7613807008043001965405352', amount: '1', currency: 'EUR' }),
      (error: StetError) => {
        assert.ok(error instanceof StetError);
        assert.deepEqual(
          [error.status, error.code, error.message],
          [403, 'NGAC', 'The customer did not consent this account to you'],
        );
        assert.match(error.requestId, /^[0-9a-f-]{36}$/);
        return true;
      },
    );
  });

  test("completeSandboxSca fails with the bank's own words: an unknown id, a wrong SMS code", async () => {
    const bank = client();
    const { url } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
    await assert.rejects(
      completeSandboxSca({ authorizationUrl: url, onlineBankingId: 'D0000000X0', ca }),
      /^Error: The sandbox refused the login: Identifiant inconnu\. Vérifiez votre saisie\. \(HTTP \d+\)$/,
    );
    // Marie (D0999991I0), so that Marc's failure count stays at zero for the other tests.
    const again = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
    await assert.rejects(
      completeSandboxSca({
        authorizationUrl: again.url,
        onlineBankingId: 'D0999991I0',
        smsCode: '00000000',
        ca,
      }),
      /^Error: The sandbox refused the SMS code: Code incorrect\. Il vous reste 4 essai\(s\)\. \(HTTP \d+\)$/,
    );
  });

  test('rawCall sends what it is given, signed, and returns the bank answer untouched, refusals included', async () => {
    const bank = client();
    await login(bank);
    const get = await bank.rawCall({ method: 'GET', path: '/v1.4.2/funds-confirmations' });
    assert.equal(get.status, 405);
    assert.equal(JSON.parse(get.body).error, 'NIMP');
    assert.match(get.requestId, /^[0-9a-f-]{36}$/);
    const noAmount = await bank.rawCall({
      method: 'POST',
      path: '/v1.4.2/funds-confirmations',
      body: JSON.stringify({ paymentCoverageRequestId: 'x1', accountId: { iban: COVERED.iban } }),
    });
    assert.deepEqual([noAmount.status, JSON.parse(noAmount.body).error], [400, 'FF01']);
    const unknownToken = await bank.rawCall({
      method: 'POST',
      path: '/v1.4.2/funds-confirmations',
      body: '{}',
      accessToken: 'not-a-token',
    });
    assert.equal(unknownToken.status, 401);
    assert.match(String(unknownToken.headers['www-authenticate']), /invalid_token/);
    const coveredCheck = (id: string) => ({
      method: 'POST',
      path: '/v1.4.2/funds-confirmations',
      body: JSON.stringify({
        paymentCoverageRequestId: id,
        instructedAmount: { currency: 'EUR', amount: COVERED.amount },
        accountId: { iban: COVERED.iban },
      }),
    });
    const covered = await bank.rawCall(coveredCheck('x2'));
    assert.deepEqual([covered.status, JSON.parse(covered.body).result], [200, true]);
    assert.equal(covered.responseSignature, 'verified');
    assert.equal(get.responseSignature, 'absent', 'the bank signs 2xx answers only');
    const otherSeal = client({ bankSealCertificate: qseal.certificatePem });
    await login(otherSeal);
    const wrongSeal = await otherSeal.rawCall(coveredCheck('x3'));
    assert.deepEqual([wrongSeal.status, wrongSeal.responseSignature], [200, 'invalid']);
  });

  test('an answer signed by another key than the bank seal configured is rejected', async () => {
    const bank = client({ bankSealCertificate: qseal.certificatePem });
    await login(bank);
    await assert.rejects(
      bank.fundsConfirmation(COVERED),
      (error: Error) => error instanceof ResponseSignatureError && /does not verify/.test(error.message),
    );
  });

  test("the SDK's signature verifies with Joyent's http-signature (an independent verifier)", async () => {
    const target = '/stet/psd2/v1.4.2/funds-confirmations';
    const body = '{"paymentCoverageRequestId":"x"}';
    const headers = await signedRequestHeaders(
      { keyId: 'SN=1,CA=CN=Test', privateKey: qseal.privateKeyPem },
      { method: 'POST', target, body, headers: { authorization: 'Bearer t', 'PSU-IP-Address': '192.0.2.1' } },
    );
    const parsed = httpSignature.parseRequest(
      { method: 'POST', url: target, httpVersion: '1.1', headers } as never,
      { authorizationHeaderName: 'signature' } as never,
    );
    assert.ok(parsed.params.headers.includes('psu-ip-address'));
    const publicKeyPem = createPublicKey(qseal.certificatePem)
      .export({ type: 'spki', format: 'pem' })
      .toString();
    assert.equal(httpSignature.verifySignature(parsed, publicKeyPem), true);
  });
});

describe('the SDK retries a call the bank never answered with a new X-Request-ID (the bank refuses replays)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox?.close());

  test('two attempts reach the bank, each with its own id, and both are in the audit trail: neither is a replay', async () => {
    // Iris's core banking never answers: the bank answers 503 after 2 s, the SDK gives up after 0.5 s.
    const bank = createStetClient({
      apiBaseUrl: `${sandbox.server.mtlsUrl}/stet/psd2`,
      authorizationServer: sandbox.server.publicUrl,
      clientId: 'PSDFR-ACPR-12345',
      qwac: { certificate: sandbox.qwac.certificatePem, privateKey: sandbox.qwac.privateKeyPem },
      qseal: { certificate: sandbox.qseal.certificatePem, privateKey: sandbox.qseal.privateKeyPem },
      ca: sandbox.ca,
      timeoutMs: 500,
      retries: 1,
    });
    try {
      await bank.register({ redirectUris: [REDIRECT], clientName: 'Acme Cards' });
      const { url, state } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
      const back = await completeSandboxSca({
        authorizationUrl: url,
        onlineBankingId: 'D0999996I0',
        ca: sandbox.ca,
      });
      await bank.exchangeCode({ code: back.searchParams.get('code') ?? '', state, redirectUri: REDIRECT });
      await assert.rejects(
        bank.fundsConfirmation({ iban: 'FR7613807008043001965411172', amount: '1', currency: 'EUR' }),
        /no answer from .* within 500 ms/,
      );
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await sandbox.server.app.flushAudit();
      const events = await sandbox.server.app.services.audit.recent(20);
      const calls = events.filter((event) => event.path === '/stet/psd2/v1.4.2/funds-confirmations');
      assert.equal(calls.length, 2, 'the first attempt and the retry both reached the bank');
      assert.notEqual(calls[0]?.requestId, calls[1]?.requestId);
      // Both recorded as calls whose caller left before the answer (499), neither refused as a replay.
      assert.deepEqual(
        calls.map((call) => `${call.status} ${call.error}`),
        ['499 CLIENT_CLOSED_REQUEST', '499 CLIENT_CLOSED_REQUEST'],
      );
    } finally {
      bank.close();
    }
  });
});

describe('the TPP SDK with ECDSA P-256 seals on both sides (the TPP QSealC and the bank QSealC)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ sealKeyType: 'ec' });
  });
  after(() => sandbox?.close());

  test('requests are signed ecdsa-sha256, the bank verifies them, and the SDK verifies the bank ecdsa seal', async () => {
    const { ca, qseal, bankSeal } = sandbox;
    const bank = clientOf(sandbox);
    try {
      assert.equal(createPublicKey(bankSeal).asymmetricKeyType, 'ec');
      const headers = await signedRequestHeaders(
        { keyId: 'SN=1,CA=CN=Test', privateKey: qseal.privateKeyPem },
        { method: 'POST', target: '/x', body: '{}', headers: {} },
      );
      assert.match(headers.signature ?? '', /algorithm="ecdsa-sha256"/);
      await bank.register({ redirectUris: [REDIRECT], clientName: 'Acme Cards' });
      const { url, state } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
      const back = await completeSandboxSca({ authorizationUrl: url, onlineBankingId: MARC, ca });
      const code = back.searchParams.get('code');
      assert.ok(code, back.href);
      await bank.exchangeCode({ code, state, redirectUri: REDIRECT });
      assert.equal((await bank.fundsConfirmation(COVERED)).covered, true);
      assert.equal((await bank.fundsConfirmation(NOT_COVERED, { version: 'v1' })).covered, false);
    } finally {
      bank.close();
    }
  });
});

describe('completeSandboxSca on a sandbox running the knowledge step (OPENSTET_SCA_KNOWLEDGE_STEP=true)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ env: { OPENSTET_SCA_KNOWLEDGE_STEP: 'true' } });
  });
  after(() => sandbox?.close());

  test("the persona's password is sent where the page asks for it; without one the error says so", async () => {
    const bank = clientOf(sandbox);
    try {
      await bank.register({ redirectUris: [REDIRECT], clientName: 'Acme Cards' });
      const first = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
      await assert.rejects(
        completeSandboxSca({ authorizationUrl: first.url, onlineBankingId: MARC, ca: sandbox.ca }),
        /^Error: The sandbox asks for the persona's password \(knowledge step\): give `password`$/,
      );
      const { url, state } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: REDIRECT });
      const back = await completeSandboxSca({
        authorizationUrl: url,
        onlineBankingId: MARC,
        password: 'Marc#13807',
        ca: sandbox.ca,
      });
      const code = back.searchParams.get('code');
      assert.ok(code, back.href);
      await bank.exchangeCode({ code, state, redirectUri: REDIRECT });
      assert.equal((await bank.fundsConfirmation(COVERED)).covered, true);
    } finally {
      bank.close();
    }
  });
});
