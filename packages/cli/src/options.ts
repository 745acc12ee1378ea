import {
  AmountError,
  isPsd2Role,
  isStetVersion,
  PSD2_ORGANIZATION_IDENTIFIER,
  type Psd2Role,
  parseAmount,
  STET_VERSION_LABELS,
  STET_VERSIONS,
  type StetVersion,
} from '@openstet/protocol';
import { UsageError } from './exit-codes.ts';

export function organizationIdentifier(value: string): string {
  if (!PSD2_ORGANIZATION_IDENTIFIER.test(value)) {
    throw new UsageError(
      `--org-id "${value}" is not a PSD2 organisation identifier such as PSDFR-ACPR-12345`,
    );
  }
  return value;
}

export function roles(value: string): Psd2Role[] {
  const list = value.split(',').map((role) => role.trim().toUpperCase());
  const unknown = list.filter((role) => !isPsd2Role(role));
  if (list.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--roles: unknown role ${unknown.join(', ') || '(none)'}; use PSP_AS, PSP_PI, PSP_AI, PSP_IC`,
    );
  }
  return list as Psd2Role[];
}

/** An http(s) base URL, without a trailing slash. */
export function baseUrl(flag: string) {
  return (value: string): string => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`${flag} "${value}" is not an absolute URL such as https://localhost:8443`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new UsageError(`${flag} "${value}" must be an http(s) URL`);
    return value.replace(/\/+$/, '');
  };
}

export function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65_535)
    throw new UsageError(`--port "${value}" is not a TCP port (0 to 65535; 0 = any free port)`);
  return number;
}

export function positiveSeconds(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number === 0) throw new UsageError(`"${value}" is not a number of seconds`);
  return number;
}

/** OAuth2 scopes of STET (1.4.0.47 `piisp`, renamed `cbpii` in 1.4.2). */
export const SCOPES = ['cbpii', 'piisp', 'aisp', 'extended_transaction_history', 'pisp'] as const;

export function scope(value: string): string {
  const requested = value.split(/[ ,]+/).filter((item) => item !== '');
  const unknown = requested.find((item) => !(SCOPES as readonly string[]).includes(item));
  if (requested.length === 0 || unknown !== undefined)
    throw new UsageError(`--scope: unknown scope "${unknown ?? ''}"; use ${SCOPES.join(', ')}`);
  return requested.join(' ');
}

/** `--api-version`: a version the protocol knows, by its path segment (`v1` is STET 1.4.0.47). */
export function stetVersion(value: string): StetVersion {
  if (isStetVersion(value)) return value;
  const known = STET_VERSIONS.map((version) => `${version} (STET ${STET_VERSION_LABELS[version]})`);
  throw new UsageError(`--api-version "${value}": use ${known.join(' or ')}`);
}

export function currency(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    throw new UsageError(`--currency "${value}" is not an ISO 4217 code such as EUR`);
  return code;
}

/** `--amount` as decimal text (never a float), checked against the currency's minor unit. */
export function amount(value: string, currencyCode: string): string {
  try {
    parseAmount(value, currencyCode);
    return value;
  } catch (error) {
    if (error instanceof AmountError) throw new UsageError(`--amount "${value}": ${error.message}`);
    throw error;
  }
}

/** IBANs as typed or pasted: spaces dropped, upper case. The bank judges them (AC01). */
export function iban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export function ibanList(value: string): string[] {
  return value
    .split(',')
    .map(iban)
    .filter((item) => item !== '');
}

/** For repeatable options: `--redirect-uri a --redirect-uri b`. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** A calendar day, `YYYY-MM-DD`, for `flag`. */
export function isoDate(flag: string) {
  return (value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
      throw new UsageError(`${flag} "${value}": use a date such as 2026-01-31`);
    return value;
  };
}
