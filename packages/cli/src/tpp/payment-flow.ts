import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StetVersion } from '@openstet/protocol';
import {
  type CreatedPaymentRequest,
  completeSandboxPaymentApproval,
  type PaymentOrder,
  type PaymentRequestStatus,
  type StetClient,
} from '@openstet/tpp';
import type { LoopbackCallback } from './loopback-callback.ts';
import { getText } from './sandbox-metadata.ts';

/** How often the status is read while the customer is at the bank (a browser that never comes back). */
const POLL_MS = 2_000;

export interface PaymentJourney {
  readonly bank: StetClient;
  /** The https loopback the bank sends the customer back to, and the CA its certificate comes from. */
  readonly callback: LoopbackCallback;
  readonly loopbackCa: string;
  readonly order: Omit<PaymentOrder, 'successfulReportUrl' | 'unsuccessfulReportUrl'>;
  readonly version: StetVersion;
  /** The bank's public URL: its issuer (RFC 9207 `iss`) on the report URL. */
  readonly authorizationServer: string;
  readonly timeoutMs: number;
  /** Confirm with the customer's authorization-code token (`o-confirmation`, STET 1.4.2). */
  readonly oConfirmation: boolean;
  /** Sandbox only (checked by the caller): the persona approves on the bank's pages with plain form posts. */
  readonly persona?: {
    readonly onlineBankingId: string;
    readonly password?: string | undefined;
    readonly ca: string | undefined;
  };
  /** The request is recorded: tell the human, and (without a persona) where to approve it. */
  readonly onCreated: (created: CreatedPaymentRequest) => void;
}

export interface PaymentJourneyResult {
  readonly created: CreatedPaymentRequest;
  /** Why the customer's approval did not come (refused, timed out), when it did not. */
  readonly notApproved: string | undefined;
  /** The request after the confirmation, or as it stands when not approved. */
  readonly final: PaymentRequestStatus;
}

type Outcome = { readonly code: string } | { readonly status: string } | { readonly refused: string };

/** Reads the status until it leaves RCVD: how a PISP learns the answer when no browser comes back. */
async function statusChange(journey: PaymentJourney, id: string, signal: AbortSignal): Promise<Outcome> {
  for (;;) {
    await sleep(POLL_MS, undefined, { signal });
    const { status } = await journey.bank.getPaymentRequest(id, { version: journey.version });
    if (status !== 'RCVD') return { status: status ?? 'no status' };
  }
}

/** The persona approves, and its browser goes where the bank sends it: our own https callback. */
async function approveAsPersona(journey: PaymentJourney, approvalUrl: string): Promise<void> {
  const persona = journey.persona;
  if (!persona) return;
  const back = await completeSandboxPaymentApproval({
    approvalUrl,
    onlineBankingId: persona.onlineBankingId,
    ...(persona.password !== undefined ? { password: persona.password } : {}),
    ...(journey.order.debtorIban ? { debtorIban: journey.order.debtorIban } : {}),
    ...(persona.ca ? { ca: persona.ca } : {}),
  });
  if (!back.href.startsWith(journey.callback.redirectUri))
    throw new Error(
      `the bank redirected to ${back.origin}${back.pathname}, not ${journey.callback.redirectUri}`,
    );
  await getText(back.href, journey.loopbackCa);
}

/** The customer's answer: the code at the callback, a refusal there, or (without a persona) a new status. */
async function customerAnswer(journey: PaymentJourney, created: CreatedPaymentRequest, state: string) {
  const expectation = { state, issuer: journey.authorizationServer, timeoutMs: journey.timeoutMs };
  const atCallback: Promise<Outcome> = journey.callback.expect({ ...expectation, after: 'payment' }).then(
    (code) => ({ code }),
    (error: unknown) => ({ refused: error instanceof Error ? error.message : String(error) }),
  );
  if (journey.persona) await approveAsPersona(journey, created.approvalUrl ?? '');
  // The code is needed for o-confirmation: then only the callback can answer.
  if (journey.persona || journey.oConfirmation) return atCallback;
  const polling = new AbortController();
  const polled = statusChange(journey, created.id, polling.signal).catch(
    () => new Promise<Outcome>(() => {}),
  );
  try {
    return await Promise.race([atCallback, polled]);
  } finally {
    polling.abort();
  }
}

/**
 * A payment as a PISP runs it (STET REDIRECT approach): the request with the https loopback as its report
 * URLs, the customer's approval at the bank (or the persona's, in the sandbox), then the confirmation —
 * with the client-credentials token, or the 1.4.2 `o-confirmation` with the code the bank gave.
 */
export async function runPayment(journey: PaymentJourney): Promise<PaymentJourneyResult> {
  const state = randomBytes(16).toString('base64url');
  // The bank adds `code` (or `error`) to the query it is given (RFC 6749 §3.1.2): `state` comes back as sent.
  const reportUrl = `${journey.callback.redirectUri}?state=${state}`;
  const created = await journey.bank.createPaymentRequest(
    { ...journey.order, successfulReportUrl: reportUrl },
    { version: journey.version },
  );
  if (!created.approvalUrl)
    throw new Error('the bank gave no consentApproval link: it did not apply REDIRECT');
  journey.onCreated(created);
  const outcome = await customerAnswer(journey, created, state);
  const approved = 'code' in outcome || ('status' in outcome && outcome.status === 'ACTC');
  if (!approved) {
    const final = await journey.bank.getPaymentRequest(created.id, { version: journey.version });
    const notApproved = 'refused' in outcome ? outcome.refused : `the request is ${outcome.status}`;
    return { created, notApproved, final };
  }
  const oConfirmation =
    journey.oConfirmation && 'code' in outcome ? { code: outcome.code, redirectUri: reportUrl } : undefined;
  const final = await journey.bank.confirm(created.id, {
    version: journey.version,
    ...(oConfirmation ? { oConfirmation } : {}),
  });
  return { created, notApproved: undefined, final };
}
