/**
 * One call to the bank as the audit trail keeps it (RTS Art. 29: unique identifier, timestamps, the
 * parties and the outcome). Never a token, code, OTP, header or query string.
 */
export interface AuditEvent {
  readonly at: Date;
  readonly requestId: string;
  readonly clientId: string | undefined;
  readonly psuId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The error code answered (ErrorModel `error` or RFC 6749 `error`), if any. */
  readonly error: string | undefined;
  readonly latencyMs: number;
}

export interface AuditStore {
  append(events: readonly AuditEvent[]): Promise<void>;
  recent(limit: number): Promise<AuditEvent[]>;
}
