/**
 * The STET `ErrorModel` (STET 1.4.0.47 definitions, CR188/189): every 4xx and 5xx of the API carries it.
 * `error` holds the short code a program can branch on (`AC01`, `FF01`, `NGAC`, …), `message` a sentence
 * a developer can act on (at most 140 characters, as the specification bounds it).
 */
export interface ErrorModel {
  readonly timestamp: string;
  readonly status: number;
  readonly error: string;
  readonly message: string;
  readonly path: string;
}

export const ERROR_MESSAGE_MAX_LENGTH = 140;

export function isErrorModel(value: unknown): value is ErrorModel {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.error === 'string' &&
    typeof candidate.message === 'string' &&
    typeof candidate.timestamp === 'string' &&
    typeof candidate.path === 'string'
  );
}
