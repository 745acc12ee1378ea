import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isErrorModel, type StetVersion } from '@openstet/protocol';
import type { LightMyRequestResponse } from 'fastify';
import httpSignature from 'http-signature';
import { approvePayment } from '../src/core/payments/approve-payment.ts';
import { paymentBinding } from '../src/core/payments/payment-binding.ts';
import type { PaymentDeps } from '../src/core/payments/payment-deps.ts';
import { PAYMENT_RULES } from '../src/core/payments/payment-rules.ts';
import { paymentUiLocales } from '../src/standards/stet/pisp/payment-document.ts';
import { testClock } from './helpers/clock.ts';
import { type InjectApp, injectApp } from './helpers/inject-app.ts';
import { MARC, obtainTokens } from './helpers/journey.ts';
import {
  CREDITOR_IBAN,
  outcomeOf,
  PAYMENT_REQUESTS,
  paymentBody,
  pispCall,
  pispCredentials,
  pispToken,
} from './helpers/payment-calls.ts';
import type { TppCredentials } from './helpers/pki.ts';
import { servedSchemaErrors, swaggerErrors } from './helpers/response-schemas.ts';
import { ENGINES } from './helpers/stores.ts';

type Json = Record<string, unknown>;
const VERSIONS = ['v1', 'v1.4.2'] as const;
const DAY_MS = 86_400_000;

/** The OpenAPI path and the 1.4.0.47 Swagger definition of each PISP answer. */
const ANSWERS = {
  created: { path: '/payment-requests', method: 'POST', definition: 'HalPaymentRequestCreation' },
  read: {
    path: '/payment-requests/{paymentRequestResourceId}',
    method: 'GET',
    definition: 'HalPaymentRequest',
  },
  cancelled: {
    path: '/payment-requests/{paymentRequestResourceId}',
    method: 'PUT',
    definition: 'HalPaymentRequestCreation',
  },
  confirmed: {
    path: '/payment-requests/{paymentRequestResourceId}/confirmation',
    method: 'POST',
    definition: 'HalPaymentRequest',
  },
} as const;

for (const engine of ENGINES) {
  describe(`PISP on STET 1.4.0.47 and 1.4.2: payment requests, status, confirmation, cancellation (${engine})`, () => {
    const clock = testClock();
    let bank: InjectApp;
    let payNow: TppCredentials;
    let other: TppCredentials;
    let pisp: string;
    const documents = new Map<StetVersion, unknown>();

    before(async () => {
      bank = await injectApp(engine, { now: clock.now });
      payNow = await pispCredentials(bank.pki.ca);
      other = await pispCredentials(bank.pki.ca, 'PSDFR-ACPR-13579', 'Other Pay');
      await bank.onboard(payNow, ['PSP_PI', 'PSP_AI']);
      await bank.onboard(other, ['PSP_PI']);
      pisp = await pispToken(bank, payNow);
      for (const version of VERSIONS) {
        const served = await bank.app.public.inject({
          method: 'GET',
          url: `/stet/psd2/${version}/openapi.json`,
        });
        documents.set(version, served.json());
      }
    });
    after(() => bank.close());

    const call = (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: unknown,
      tpp = payNow,
      accessToken = pisp,
    ) => pispCall(bank, tpp, accessToken, { method, url, body, date: clock.now() });
    const post = (version: StetVersion, body: unknown, query = '') =>
      call('POST', `${PAYMENT_REQUESTS(version)}${query}`, body);
    const requestUrl = (response: LightMyRequestResponse) =>
      new URL(String(response.headers.location)).pathname;

    /** A 2xx answer: signed by the bank (CR199, checked with Joyent's verifier), valid against both schemas. */
    function checkedAnswer(
      response: LightMyRequestResponse,
      version: StetVersion,
      answer: keyof typeof ANSWERS,
      status = 200,
    ): Json {
      assert.equal(response.statusCode, status, response.body);
      assert.match(String(response.headers['content-type']), /^application\/hal\+json/);
      const body = response.json();
      const { path, method, definition } = ANSWERS[answer];
      assert.equal(servedSchemaErrors(documents.get(version), method, path, status, body), undefined);
      if (version === 'v1') assert.equal(swaggerErrors(definition, body), undefined);
      const digest = `SHA-256=${createHash('sha256').update(response.rawPayload).digest('base64')}`;
      assert.equal(response.headers.digest, digest, 'the Digest is that of the bytes sent');
      const parsed = httpSignature.parseRequest(
        { method, url: '/', httpVersion: '1.1', headers: response.headers } as never,
        { authorizationHeaderName: 'signature', clockSkew: 3600 } as never,
      );
      assert.deepEqual(parsed.params.headers, ['date', 'digest', 'x-request-id']);
      const bankKey = createPublicKey(bank.pki.bankSeal.certificatePem).export({
        type: 'spki',
        format: 'pem',
      });
      assert.equal(httpSignature.verifySignature(parsed, bankKey.toString()), true, 'the bank seal verifies');
      return body;
    }

    async function created(version: StetVersion, body: Json = paymentBody(version)) {
      const response = await post(version, body);
      checkedAnswer(response, version, 'created', 201);
      return { url: requestUrl(response), id: requestUrl(response).split('/').at(-1) as string, response };
    }

    const read = async (version: StetVersion, url: string) =>
      checkedAnswer(await call('GET', url), version, 'read').paymentRequest as Json;

    for (const version of VERSIONS) {
      test(`POST on ${version}: 201, Location on the mTLS listener, REDIRECT and the approval page, signed`, async () => {
        const { response, id } = await created(version);
        assert.match(id, /^[0-9a-f]{32}$/);
        assert.equal(
          response.headers.location,
          `https://api.bank.example/stet/psd2/${version}/payment-requests/${id}`,
        );
        assert.deepEqual(response.json(), {
          appliedAuthenticationApproach: 'REDIRECT',
          _links: { consentApproval: { href: `https://bank.example/payment-approval/${id}` } },
        });
      });

      test(`GET on ${version}: the request as posted, RCVD, with the bank's ids, and no confirmation link before the approval`, async () => {
        const body = paymentBody(version, `GET-${version}`, 2);
        const { url, id } = await created(version, body);
        const answer = checkedAnswer(await call('GET', url), version, 'read');
        const self = `/stet/psd2/${version}/payment-requests/${id}`;
        assert.deepEqual(
          answer._links,
          version === 'v1' ? { self: { href: self } } : { request: { href: self } },
        );
        const request = answer.paymentRequest as Json;
        assert.equal(request.resourceId, id);
        assert.equal(request.paymentInformationStatus, 'RCVD');
        assert.equal(request.statusReasonInformation, undefined);
        assert.equal(request.paymentInformationId, `GET-${version}`);
        assert.deepEqual(request.supplementaryData, {
          ...(body.supplementaryData as Json),
          appliedAuthenticationApproach: 'REDIRECT',
        });
        assert.deepEqual(
          (request.creditTransferTransaction as Json[]).map((instruction) => [
            (instruction.paymentId as Json).resourceId,
            instruction.transactionStatus,
            instruction.instructedAmount,
          ]),
          [
            [`${id}-1`, 'PDNG', { currency: 'EUR', amount: version === 'v1' ? '50.00' : 50 }],
            [`${id}-2`, 'PDNG', { currency: 'EUR', amount: version === 'v1' ? '50.00' : 50 }],
          ],
        );
      });
    }

    test('a request is answered on the version it was posted on; the other version says where it is', async () => {
      const { id } = await created('v1.4.2');
      assert.equal(
        outcomeOf(await call('GET', `${PAYMENT_REQUESTS('v1')}/${id}`)),
        `404 NOT_FOUND: This payment request was posted on STET v1.4.2: call /stet/psd2/v1.4.2/payment-requests/${id}`,
      );
    });

    test('idempotent re-post: the same paymentInformationId and body within 24 hours gives back the same request', async () => {
      const body = paymentBody('v1.4.2', 'IDEMPOTENT-1');
      const first = await created('v1.4.2', body);
      const again = await post('v1.4.2', body);
      checkedAnswer(again, 'v1.4.2', 'created', 201);
      assert.equal(again.headers.location, first.response.headers.location);
      assert.equal(again.body, first.response.body);
      const other = await post('v1.4.2', {
        ...body,
        creditTransferTransaction: [
          {
            ...(body.creditTransferTransaction as Json[])[0],
            instructedAmount: { currency: 'EUR', amount: 51 },
          },
        ],
      });
      assert.equal(
        outcomeOf(other),
        '409 CONFLICT: paymentInformationId was used in the last 24 hours for another payment request: give this one its own',
      );
    });

    test('the same reference on the other version, or with other ui_locales, is another request: 409', async () => {
      await created('v1.4.2', paymentBody('v1.4.2', 'ELSEWHERE-1'));
      assert.equal((await post('v1', paymentBody('v1', 'ELSEWHERE-1'))).statusCode, 409);
      assert.equal(
        (await post('v1.4.2', paymentBody('v1.4.2', 'ELSEWHERE-1'), '?ui_locales=en')).statusCode,
        409,
      );
    });

    test('ui_locales (1.4.2) is kept with the request for the approval pages', async () => {
      const response = await post('v1.4.2', paymentBody('v1.4.2'), '?ui_locales=en%20fr');
      checkedAnswer(response, 'v1.4.2', 'created', 201);
      const id = requestUrl(response).split('/').at(-1) as string;
      const kept = await bank.app.services.payments.find('13807', id);
      assert.ok(kept);
      assert.equal(paymentUiLocales(kept), 'en fr');
    });

    for (const version of VERSIONS) {
      test(`confirmation before the PSU approved (${version}): 409 PAYMENT_NOT_APPROVED, nothing executed`, async () => {
        const { url } = await created(version);
        assert.equal(
          outcomeOf(await call('POST', `${url}/confirmation`, {})),
          '409 PAYMENT_NOT_APPROVED: The PSU has not approved this payment request (or its cancellation) at the consentApproval link yet',
        );
        assert.equal((await read(version, url)).paymentInformationStatus, 'RCVD');
      });

      test(`cancellation before the approval (${version}): PUT RJCT / DS02 rejects the request and every instruction, again is the same`, async () => {
        const body = paymentBody(version, undefined, 2);
        const { url } = await created(version, body);
        const echoed = await read(version, url);
        const cancel = { ...echoed, paymentInformationStatus: 'RJCT', statusReasonInformation: 'DS02' };
        assert.deepEqual(checkedAnswer(await call('PUT', url, cancel), version, 'cancelled'), {});
        const request = await read(version, url);
        assert.deepEqual(
          [request.paymentInformationStatus, request.statusReasonInformation],
          ['RJCT', 'DS02'],
        );
        assert.deepEqual(
          (request.creditTransferTransaction as Json[]).map(
            (each) => `${each.transactionStatus} ${each.statusReasonInformation}`,
          ),
          ['RJCT DS02', 'RJCT DS02'],
        );
        assert.deepEqual(
          checkedAnswer(await call('PUT', url, cancel), version, 'cancelled'),
          {},
          'a PUT is idempotent',
        );
        assert.equal(
          outcomeOf(await call('POST', `${url}/confirmation`, {})),
          '409 CONFLICT: This payment request is rejected: GET it for its statusReasonInformation',
        );
      });
    }

    test('cancelling one instruction of a bulk request before the approval: the rest waits for the PSU', async () => {
      const { url, id } = await created('v1.4.2', paymentBody('v1.4.2', undefined, 2));
      const request = await read('v1.4.2', url);
      const [first, second] = request.creditTransferTransaction as Json[];
      const put = await call('PUT', url, {
        ...request,
        creditTransferTransaction: [
          { ...first, transactionStatus: 'RJCT', statusReasonInformation: 'DS02' },
          second,
        ],
      });
      assert.deepEqual(checkedAnswer(put, 'v1.4.2', 'cancelled'), {
        appliedAuthenticationApproach: 'REDIRECT',
        _links: { consentApproval: { href: `https://bank.example/payment-approval/${id}` } },
      });
      const after = await read('v1.4.2', url);
      assert.equal(after.paymentInformationStatus, 'RCVD');
      assert.deepEqual(
        (after.creditTransferTransaction as Json[]).map((each) => each.transactionStatus),
        ['RJCT', 'PDNG'],
      );
    });

    test('PUT allows only a cancellation: any other change is 400 naming the field', async () => {
      const { url } = await created('v1');
      const request = await read('v1', url);
      const [instruction] = request.creditTransferTransaction as Json[];
      const changed = (change: Json) => call('PUT', url, { ...request, ...change });
      assert.equal(
        outcomeOf(
          await changed({
            paymentInformationStatus: 'RJCT',
            statusReasonInformation: 'DS02',
            creditTransferTransaction: [
              { ...instruction, instructedAmount: { currency: 'EUR', amount: '5000.00' } },
            ],
          }),
        ),
        '400 FF01: creditTransferTransaction[0].instructedAmount.amount differs from the payment request: the only change allowed is a cancellation (STET)',
      );
      assert.equal(
        outcomeOf(
          await changed({
            beneficiary: { creditor: { name: 'Mallory' }, creditorAccount: { iban: CREDITOR_IBAN } },
          }),
        ),
        '400 FF01: beneficiary.creditor.name differs from the payment request: the only change allowed is a cancellation (STET)',
      );
      assert.equal(
        outcomeOf(await changed({ paymentInformationStatus: 'RJCT', statusReasonInformation: 'CUST' })),
        '400 FF01: statusReasonInformation must be DS02 with paymentInformationStatus RJCT: the only change allowed is a cancellation (STET)',
      );
      assert.equal(
        outcomeOf(await changed({})),
        '400 FF01: Nothing to do: cancel with paymentInformationStatus RJCT and DS02, or transactionStatus RJCT and DS02 on instructions',
      );
      assert.equal(
        (
          await changed({
            creationDateTime: new Date().toISOString(),
            paymentInformationStatus: 'RJCT',
            statusReasonInformation: 'DS02',
          })
        ).statusCode,
        200,
        'the message time is not the payment: a new creationDateTime is no change',
      );
    });

    test("another PISP's request is 404 like an unknown id: never revealed to exist", async () => {
      const { url } = await created('v1.4.2');
      const otherToken = await pispToken(bank, other);
      const notYours =
        '404 NOT_FOUND: No payment request of yours has this paymentRequestResourceId: take it from the Location';
      assert.equal(outcomeOf(await call('GET', url, undefined, other, otherToken)), notYours);
      assert.equal(outcomeOf(await call('GET', `${PAYMENT_REQUESTS('v1.4.2')}/${'0'.repeat(32)}`)), notYours);
      assert.equal(outcomeOf(await call('GET', `${PAYMENT_REQUESTS('v1.4.2')}/%00`)), notYours);
      assert.equal(outcomeOf(await call('POST', `${url}/confirmation`, {}, other, otherToken)), notYours);
      const request = await read('v1.4.2', url);
      assert.equal(
        outcomeOf(
          await call(
            'PUT',
            url,
            { ...request, paymentInformationStatus: 'RJCT', statusReasonInformation: 'DS02' },
            other,
            otherToken,
          ),
        ),
        notYours,
      );
      assert.equal((await read('v1.4.2', url)).paymentInformationStatus, 'RCVD');
    });

    test('PISP token refused on AISP routes and the reverse: 403 BADS', async () => {
      const aisp = (await obtainTokens(bank, payNow, { scope: 'aisp' })).access_token;
      const onPayments = await call('POST', PAYMENT_REQUESTS('v1.4.2'), paymentBody('v1.4.2'), payNow, aisp);
      assert.equal(outcomeOf(onPayments), '403 BADS: This endpoint needs a pisp token; this one has aisp');
      const onAccounts = await call('GET', '/stet/psd2/v1.4.2/accounts');
      assert.equal(outcomeOf(onAccounts), '403 BADS: This endpoint needs a aisp token; this one has pisp');
    });

    test('o-confirmation takes the token of the PSU approval: a client-credentials token is 403; 1.4.0.47 has none', async () => {
      const { url } = await created('v1.4.2');
      assert.equal(
        outcomeOf(await call('POST', `${url}/o-confirmation`, {})),
        '403 FORBIDDEN: o-confirmation takes the token of the PSU approval (authorization code); confirm a client-credentials one at /confirmation',
      );
      const { url: v1 } = await created('v1');
      assert.equal((await call('POST', `${v1}/o-confirmation`, {})).statusCode, 404);
    });

    test('confirmation bodies: {} or none; EMBEDDED factors are refused', async () => {
      const { url } = await created('v1.4.2');
      assert.equal(
        outcomeOf(await call('POST', `${url}/confirmation`, { psuAuthenticationFactor: '123456' })),
        '400 FF01: psuAuthenticationFactor: EMBEDDED is not supported; the PSU approves at the consentApproval link',
      );
      assert.equal((await call('POST', `${url}/confirmation`)).statusCode, 409, 'no body reads as {}');
      assert.equal(
        (await call('POST', `${url}/confirmation`, { nonce: 'abc' })).statusCode,
        409,
        'a nonce is ignored',
      );
    });

    test('an unanswered request reads RJCT NOAS once its approval delay has passed', async () => {
      const { url } = await created('v1');
      clock.advance(PAYMENT_RULES.approvalMinutes * 60 + 1);
      try {
        const request = await read('v1', url);
        assert.deepEqual(
          [request.paymentInformationStatus, request.statusReasonInformation],
          ['RJCT', 'NOAS'],
        );
        assert.deepEqual(
          (request.creditTransferTransaction as Json[]).map(
            (each) => `${each.transactionStatus} ${each.statusReasonInformation}`,
          ),
          ['RJCT NOAS'],
        );
      } finally {
        clock.reset();
      }
    });

    test('what the bank takes: instant, future-dated, standing orders, print-format IBANs', async () => {
      const base = paymentBody('v1.4.2');
      const [transfer] = base.creditTransferTransaction as Json[];
      const inAWeek = new Date(clock.now().getTime() + 7 * DAY_MS).toISOString();
      const accepted = [
        { ...base, paymentTypeInformation: { serviceLevel: 'SEPA', localInstrument: 'INST' } },
        { ...base, requestedExecutionDate: inAWeek },
        {
          ...base,
          creditTransferTransaction: [
            { ...transfer, requestedExecutionDate: inAWeek, frequency: 'MNTH', executionRule: 'PREC' },
          ],
        },
        {
          ...base,
          beneficiary: {
            creditor: { name: 'Boulangerie Martin' },
            creditorAccount: { iban: 'fr76 3000 6000 0112 3456 7890 189' },
          },
        },
      ];
      const kept = [];
      for (const [index, body] of accepted.entries()) {
        const { id } = await created('v1.4.2', { ...body, paymentInformationId: `TAKEN-${index}` });
        kept.push(await bank.app.services.payments.find('13807', id));
      }
      const [instant, later, standing, printed] = kept;
      assert.equal(instant?.instant, true);
      assert.equal(later?.instructions[0]?.executionDate, inAWeek.slice(0, 10));
      assert.deepEqual(standing?.instructions[0]?.standingOrder, {
        frequency: 'monthly',
        endDate: undefined,
        executionRule: 'preceding',
      });
      assert.equal(printed?.instructions[0]?.creditor.iban, CREDITOR_IBAN);
    });

    test('the approve → confirm path: ACTC shows the confirmation link, a confirmation accepts it once, then the link is gone', async () => {
      const { url, id } = await created('v1', paymentBody('v1'));
      const services = bank.app.services;
      const deps: PaymentDeps = {
        payments: services.payments,
        coreBanking: services.coreBanking,
        now: clock.now,
      };
      const psu = await services.coreBanking.findPsu('13807', MARC.id);
      const request = await services.payments.find('13807', id);
      assert.ok(psu && request);
      const debtorIban = MARC.accounts[1] as string;
      const approval = await approvePayment(deps, request, {
        psuId: psu.psuId,
        debtorIban,
        shown: paymentBinding('', request.instructions),
        consentId: 'test-approval',
        exempted: false,
      });
      assert.ok('approved' in approval, 'refusal' in approval ? approval.refusal : '');
      const approved = checkedAnswer(await call('GET', url), 'v1', 'read');
      assert.deepEqual(approved._links, {
        self: { href: `/stet/psd2/v1/payment-requests/${id}` },
        confirmation: { href: `/stet/psd2/v1/payment-requests/${id}/confirmation` },
      });
      assert.equal((approved.paymentRequest as Json).paymentInformationStatus, 'ACTC');
      assert.deepEqual((approved.paymentRequest as Json).debtorAccount, { iban: debtorIban });
      const confirmed = checkedAnswer(await call('POST', `${url}/confirmation`, {}), 'v1', 'confirmed');
      assert.deepEqual(confirmed._links, { self: { href: `/stet/psd2/v1/payment-requests/${id}` } });
      const status = (confirmed.paymentRequest as Json).paymentInformationStatus;
      assert.ok(status === 'ACSP' || status === 'ACSC', String(status));
      assert.equal((confirmed.paymentRequest as Json).fundsAvailability, true);
      assert.equal(
        outcomeOf(await call('POST', `${url}/confirmation`, {})),
        '409 CONFLICT: This payment request is confirmed already: it executes once',
      );
    });

    test('the published limits are the bank’s rules (PAYMENT_RULES)', async () => {
      const served = documents.get('v1.4.2') as {
        paths: Record<string, Record<string, { description: string }>>;
      };
      const description = served.paths['/payment-requests']?.post?.description ?? '';
      assert.match(description, new RegExp(`1 to ${PAYMENT_RULES.maxInstructions} instructions`));
      assert.match(description, new RegExp(`${PAYMENT_RULES.maxDaysAhead} days ahead`));
      assert.match(description, new RegExp(`${PAYMENT_RULES.approvalMinutes} minutes to approve`));
      assert.match(description, new RegExp(`within ${PAYMENT_RULES.idempotencyHours} hours`));
      const read = served.paths['/payment-requests/{paymentRequestResourceId}']?.get?.description ?? '';
      assert.match(read, new RegExp(`Kept ${PAYMENT_RULES.keptDays} days`));
    });
  });
}

/** One refusal of the table: a change to the valid body, the answer expected. */
interface Refusal {
  readonly name: string;
  readonly version?: StetVersion;
  readonly change: (body: Json) => Json;
  readonly query?: string;
  readonly expected: string;
}

const instruction = (body: Json) => (body.creditTransferTransaction as Json[])[0] as Json;
const withInstruction = (body: Json, change: Json) => ({
  ...body,
  creditTransferTransaction: [{ ...instruction(body), ...change }],
});
const withData = (body: Json, change: Json) => ({
  ...body,
  supplementaryData: { ...(body.supplementaryData as Json), ...change },
});
const daysAhead = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

const REFUSALS: readonly Refusal[] = [
  {
    name: 'a service level other than SEPA',
    change: (body) => ({ ...body, paymentTypeInformation: { serviceLevel: 'NURG' } }),
    expected:
      '400 FF01: paymentTypeInformation.serviceLevel must be SEPA: this bank initiates SEPA credit transfers only',
  },
  {
    name: 'a local instrument other than INST',
    change: (body) => ({
      ...body,
      paymentTypeInformation: { serviceLevel: 'SEPA', localInstrument: 'SDCL' },
    }),
    expected:
      '400 FF01: paymentTypeInformation.localInstrument must be INST (SEPA Instant) or absent (SEPA credit transfer)',
  },
  {
    name: 'charges other than SLEV',
    change: (body) => ({ ...body, chargeBearer: 'DEBT' }),
    expected: '400 FF01: chargeBearer must be SLEV: SEPA credit transfers share the charges',
  },
  {
    name: 'another currency than EUR',
    change: (body) => withInstruction(body, { instructedAmount: { currency: 'USD', amount: 50 } }),
    expected:
      '400 AM03: creditTransferTransaction[0].instructedAmount.currency must be EUR: SEPA credit transfers are in euros',
  },
  {
    name: 'a currency conversion',
    change: (body) =>
      withInstruction(body, { equivalentAmount: { amount: 50, currency: 'USD', currencyOfTransfer: 'EUR' } }),
    expected:
      '400 AM03: creditTransferTransaction[0].equivalentAmount: this bank does not convert currencies',
  },
  {
    name: 'no amount (optional in 1.4.2)',
    change: (body) => {
      const { instructedAmount: _amount, ...rest } = instruction(body);
      return { ...body, creditTransferTransaction: [rest] };
    },
    expected:
      '400 FF01: creditTransferTransaction[0].instructedAmount is missing: { "currency": "EUR", "amount": "123.45" }',
  },
  {
    name: 'a zero amount',
    change: (body) => withInstruction(body, { instructedAmount: { currency: 'EUR', amount: '0' } }),
    expected: '400 FF01: creditTransferTransaction[0].instructedAmount.amount must be positive',
  },
  {
    name: 'a fraction of a cent',
    change: (body) => withInstruction(body, { instructedAmount: { currency: 'EUR', amount: 12.345 } }),
    expected: '400 FF01: creditTransferTransaction[0].instructedAmount.amount has 3 decimals, EUR has 2',
  },
  {
    name: 'an approach other than REDIRECT',
    change: (body) => withData(body, { acceptedAuthenticationApproach: ['EMBEDDED', 'DECOUPLED'] }),
    expected:
      '400 FF01: supplementaryData.acceptedAuthenticationApproach must include REDIRECT: the only approach of this bank',
  },
  {
    name: 'no successfulReportUrl',
    change: (body) => ({ ...body, supplementaryData: { acceptedAuthenticationApproach: ['REDIRECT'] } }),
    expected: '400 FF01: supplementaryData.successfulReportUrl is missing: the https URL the PSU returns to',
  },
  {
    name: 'a call-back without TLS',
    change: (body) => withData(body, { successfulReportUrl: 'http://paynow.example/ok' }),
    expected:
      '400 FF01: supplementaryData.successfulReportUrl must be an https URL (STET: TLS-secured call-backs)',
  },
  {
    name: 'an unsuccessfulReportUrl that is no URL',
    change: (body) => withData(body, { unsuccessfulReportUrl: 'paynow ko' }),
    expected: '400 FF01: supplementaryData.unsuccessfulReportUrl must be an https URL',
  },
  {
    name: 'a call-back with a fragment',
    change: (body) => withData(body, { successfulReportUrl: 'https://paynow.example/ok#done' }),
    expected: '400 FF01: supplementaryData.successfulReportUrl must have no #fragment (RFC 6749 §3.1.2)',
  },
  {
    name: 'numberOfTransactions that does not count the instructions',
    change: (body) => ({ ...body, numberOfTransactions: 2 }),
    expected: '400 FF01: numberOfTransactions must be the number of creditTransferTransaction items: 1',
  },
  {
    name: 'more instructions than the bank takes',
    change: (body) => ({
      ...body,
      numberOfTransactions: 11,
      creditTransferTransaction: Array.from({ length: 11 }, (_, index) => ({
        ...instruction(body),
        paymentId: { instructionId: `I-${index}` },
      })),
    }),
    expected: '400 FF01: numberOfTransactions: at most 10 instructions in a request at this bank (CR191)',
  },
  {
    name: 'two instructions under one instructionId',
    change: (body) => ({
      ...body,
      numberOfTransactions: 2,
      creditTransferTransaction: [instruction(body), instruction(body)],
    }),
    expected:
      '400 FF01: creditTransferTransaction[1].paymentId.instructionId is the id of another instruction of the request',
  },
  {
    name: 'a debtor account named otherwise than by IBAN',
    change: (body) => ({ ...body, debtorAccount: { other: { identification: '1234', schemeName: 'BANK' } } }),
    expected:
      '400 AC01: This bank identifies accounts by IBAN only: send debtorAccount.iban, not debtorAccount.other',
  },
  {
    name: 'a debtor IBAN with wrong check digits',
    change: (body) => ({ ...body, debtorAccount: { iban: 'FR7613807008043001965405159' } }),
    expected: '400 AC01: debtorAccount.iban is not a valid IBAN (ISO 13616 structure and check digits)',
  },
  {
    name: 'no beneficiary anywhere',
    change: (body) => {
      const { beneficiary: _beneficiary, ...rest } = body;
      return rest;
    },
    expected:
      '400 FF01: creditTransferTransaction[0].beneficiary is missing: set it on each instruction, or once at payment level',
  },
  {
    name: 'a beneficiary without account',
    change: (body) => ({ ...body, beneficiary: { creditor: { name: 'Boulangerie Martin' } } }),
    expected: '400 AC01: beneficiary.creditorAccount.iban is missing: the IBAN of the beneficiary',
  },
  {
    name: "an instruction's beneficiary with a malformed IBAN",
    change: (body) =>
      withInstruction(body, {
        beneficiary: { creditor: { name: 'X' }, creditorAccount: { iban: 'FR76 ABC' } },
      }),
    expected:
      '400 AC01: creditTransferTransaction[0].beneficiary.creditorAccount.iban is not a valid IBAN (ISO 13616 structure and check digits)',
  },
  {
    name: 'an execution date in the past',
    change: (body) => ({ ...body, requestedExecutionDate: daysAhead(-2) }),
    expected: '400 FF01: requestedExecutionDate is in the past: today (UTC) or later',
  },
  {
    name: 'an execution date beyond a year',
    change: (body) => withInstruction(body, { requestedExecutionDate: daysAhead(400) }),
    expected: '400 FF01: creditTransferTransaction[0].requestedExecutionDate is more than 365 days ahead',
  },
  {
    name: 'an instant payment on a later date',
    change: (body) => ({
      ...body,
      paymentTypeInformation: { serviceLevel: 'SEPA', localInstrument: 'INST' },
      requestedExecutionDate: daysAhead(3),
    }),
    expected:
      '400 FF01: creditTransferTransaction[0]: an instant payment (localInstrument INST) executes today, once',
  },
  {
    name: 'an end date without frequency',
    change: (body) => withInstruction(body, { endDate: daysAhead(30) }),
    expected:
      '400 FF01: creditTransferTransaction[0].frequency is missing: endDate and executionRule are for standing orders',
  },
  {
    name: 'a standing order ending before it starts',
    change: (body) =>
      withInstruction(body, {
        requestedExecutionDate: daysAhead(10),
        frequency: 'WEEK',
        endDate: daysAhead(5),
      }),
    expected: '400 FF01: creditTransferTransaction[0].endDate is before the first execution date',
  },
  {
    name: 'a standing order among other instructions',
    change: (body) => ({
      ...body,
      numberOfTransactions: 2,
      creditTransferTransaction: [
        { ...instruction(body), frequency: 'MNTH' },
        { ...instruction(body), paymentId: { instructionId: 'I-2' } },
      ],
    }),
    expected:
      '400 FF01: creditTransferTransaction[0].frequency: a standing order is a request of one instruction (STET)',
  },
  {
    name: 'a remittance longer than 140 characters',
    change: (body) =>
      withInstruction(body, { remittanceInformation: { unstructured: ['a'.repeat(100), 'b'.repeat(100)] } }),
    expected: '400 FF01: creditTransferTransaction[0].remittanceInformation holds more than 140 characters',
  },
  {
    name: 'no paymentInformationId (the schema)',
    change: (body) => {
      const { paymentInformationId: _id, ...rest } = body;
      return rest;
    },
    expected:
      "400 FF01: paymentInformationId is missing: an identifier of 1 to 35 letters, digits, spaces or / - ? : ( ) . , '",
  },
  {
    name: 'ui_locales that are no language tags',
    query: '?ui_locales=fr%3Bdrop',
    change: (body) => body,
    expected: '400 FF01: ui_locales must be language tags separated by spaces, e.g. fr or en fr',
  },
  {
    name: 'ui_locales on 1.4.0.47',
    version: 'v1',
    query: '?ui_locales=fr',
    change: (body) => body,
    expected: '400 FF01: Unknown query parameter ui_locales: none on STET 1.4.0.47',
  },
];

for (const engine of ENGINES) {
  describe(`POST /payment-requests: what the bank does not take is a 400 naming the field (${engine})`, () => {
    let bank: InjectApp;
    let payNow: TppCredentials;
    let pisp: string;
    before(async () => {
      bank = await injectApp(engine);
      payNow = await pispCredentials(bank.pki.ca);
      await bank.onboard(payNow, ['PSP_PI']);
      pisp = await pispToken(bank, payNow);
    });
    after(() => bank.close());

    for (const refusal of REFUSALS) {
      test(refusal.name, async () => {
        const version = refusal.version ?? 'v1.4.2';
        const response = await pispCall(bank, payNow, pisp, {
          method: 'POST',
          url: `${PAYMENT_REQUESTS(version)}${refusal.query ?? ''}`,
          body: refusal.change(paymentBody(version)),
        });
        assert.ok(isErrorModel(response.json()), response.body);
        assert.equal(outcomeOf(response), refusal.expected);
      });
    }
  });
}
