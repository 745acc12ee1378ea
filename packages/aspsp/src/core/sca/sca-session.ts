import type { Scope } from '../consent/scopes.ts';

/** Where the customer is: id, SMS code, then the consent (/authorize) or the payment (/payment-approval). */
export type ScaStep = 'login' | 'otp' | 'consent' | 'payment';

/** A customer's pass through the bank's pages, from /authorize to the redirect back to the TPP. */
export interface ScaSession {
  readonly id: string;
  readonly csrfHash: string;
  readonly clientId: string;
  /** The establishment reached at /authorize: the customer logs in among its customers only. */
  readonly establishment: string;
  readonly redirectUri: string;
  readonly scopes: readonly Scope[];
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly step: ScaStep;
  readonly psuId: string | undefined;
  /** Consecutive failures at the current step (RTS Art. 4(3)(b): at most `SCA_LOCKOUT.maxFailures`). */
  readonly failures: number;
  /** Where the SMS code went (masked), shown again after a wrong code without sending another. */
  readonly otpDestination: string | undefined;
  readonly lastActivityAt: Date;
  /** The payment request the customer is asked to approve (`/payment-approval/:id`); none on /authorize. */
  readonly paymentRequestId?: string | undefined;
  /**
   * What the customer's authentication is bound to (RTS Art. 5, dynamic linking): the request's amounts and
   * payees (`paymentBinding('', instructions)`) when the SMS code was sent, or the exemption applied. A
   * request changed since is not approved on this authentication.
   */
  readonly paymentBinding?: string | undefined;
  /** The bank applied an SCA exemption (trusted beneficiaries, RTS Art. 13): no SMS code was asked. */
  readonly exempted?: boolean;
}

export interface ScaSessionStore {
  create(session: ScaSession & { readonly cookieHash: string }): Promise<void>;
  findByCookie(cookieHash: string): Promise<ScaSession | undefined>;
  update(
    id: string,
    change: Partial<
      Pick<
        ScaSession,
        'step' | 'psuId' | 'failures' | 'lastActivityAt' | 'otpDestination' | 'paymentBinding' | 'exempted'
      >
    >,
  ): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions idle since before `idleSince` (a customer who closed the tab never times out). */
  deleteIdleSince(idleSince: Date): Promise<void>;
}

/** RTS Art. 4(3)(d): at most five minutes without activity (configurable downwards for tests). */
export function isInactive(session: ScaSession, now: Date, inactivitySeconds: number): boolean {
  return now.getTime() - session.lastActivityAt.getTime() > inactivitySeconds * 1000;
}
