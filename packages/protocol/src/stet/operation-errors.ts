import { type ErrorCodeEntry, STET_ERROR_CODES, type StetErrorCode } from '../errors/error-codes.ts';

export interface ErrorStatus {
  readonly status: number;
  /** In the catalogue's order. */
  readonly codes: readonly StetErrorCode[];
  /** Headers these answers carry besides X-Request-ID (Retry-After, WWW-Authenticate, Allow), sorted. */
  readonly headers: readonly string[];
}

/** The error statuses an operation can answer, each with its ErrorModel codes, by increasing status. */
export function errorStatuses(codes: readonly StetErrorCode[]): readonly ErrorStatus[] {
  const byStatus = new Map<number, StetErrorCode[]>();
  for (const code of Object.keys(STET_ERROR_CODES) as StetErrorCode[]) {
    if (!codes.includes(code)) continue;
    const { status } = STET_ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) => ({
      status,
      codes: list,
      headers: [
        ...new Set(list.flatMap((code) => (STET_ERROR_CODES[code] as ErrorCodeEntry).headers ?? [])),
      ].sort(),
    }));
}
