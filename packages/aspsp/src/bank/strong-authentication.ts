import type { PsuProfile } from './core-banking.ts';

/** Where the one-time code went, as the SCA page shows it to the PSU. */
export interface ScaChallenge {
  readonly channel: 'sms';
  /** The destination with all but its first and last digits hidden, e.g. `06 ** ** ** 78`. */
  readonly maskedDestination: string;
}

/**
 * The bank's strong customer authentication of a PSU on the redirect SCA pages: the online-banking id
 * (knowledge) then a one-time code sent by SMS to the PSU's phone (possession), as RTS Art. 4 asks for two
 * independent elements. A bank plugs in its own SCA server; the sandbox sends no SMS and uses a fixed code.
 */
export interface StrongAuthentication {
  /**
   * Sends a fresh one-time code to the PSU and says where it went. The bank's SCA server owns the SMS
   * gateway and must bound how many codes one customer receives (anyone knowing an online-banking id can
   * ask for one); it may reject with an error, which sends the customer back to the TPP.
   */
  challenge(psu: PsuProfile): Promise<ScaChallenge>;
  /** Is `otp` the code last sent to this PSU? Counting failed attempts is the caller's job (RTS Art. 4(3)(b)). */
  verify(psu: PsuProfile, otp: string): Promise<boolean>;
}
