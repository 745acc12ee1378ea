import type { Money } from '@openstet/protocol';
import type { PsuProfile } from './core-banking.ts';

/** Where the one-time code went, as the SCA page shows it to the PSU. */
export interface ScaChallenge {
  readonly channel: 'sms';
  /** The destination with all but its first and last digits hidden, e.g. `06 ** ** ** 78`. */
  readonly maskedDestination: string;
}

/**
 * The payment a code is sent for (RTS Art. 5(1)(a), dynamic linking): the bank's SCA server puts the amount
 * and the payee in the SMS, so that the PSU knows what the code approves, and the code approves only that.
 */
export interface TransactionToSign {
  /** The total of the instructions approved (or cancelled). */
  readonly amount: Money;
  /** The payee's name; a bulk payment's payees, comma-separated. */
  readonly payee: string;
}

/** A knowledge element (RTS Art. 6: a password, a PIN), typed with the online-banking id on the login page. */
export interface KnowledgeFactor {
  /** Is `secret` this PSU's? Counting failed attempts is the caller's job (RTS Art. 4(3)(b)). */
  verify(psu: PsuProfile, secret: string): Promise<boolean>;
}

/**
 * The bank's strong customer authentication of a PSU on the redirect SCA pages, two independent elements
 * (RTS Art. 4(1)): a one-time code sent by SMS to the PSU's phone (possession, RTS Art. 7) and, when the
 * bank plugs one in, a knowledge element typed with the online-banking id (`knowledge`, RTS Art. 6).
 * Without it the flow is the seed's: the online-banking id, then the SMS code. A bank plugs in its own
 * SCA server; the sandbox sends no SMS and uses a fixed code.
 */
export interface StrongAuthentication {
  /** The knowledge step; when present the login page asks for a password with the id. */
  readonly knowledge?: KnowledgeFactor;
  /**
   * Sends a fresh one-time code to the PSU and says where it went. The bank's SCA server owns the SMS
   * gateway and must bound how many codes one customer receives (anyone knowing an online-banking id can
   * ask for one); it may reject with an error, which sends the customer back to the TPP. For a payment,
   * `transaction` is what the code approves: say it in the SMS (RTS Art. 5(1)(a)).
   */
  challenge(psu: PsuProfile, transaction?: TransactionToSign): Promise<ScaChallenge>;
  /** Is `otp` the code last sent to this PSU? Counting failed attempts is the caller's job (RTS Art. 4(3)(b)). */
  verify(psu: PsuProfile, otp: string): Promise<boolean>;
}
