import { readFileSync } from 'node:fs';
import { SEED_ESTABLISHMENTS } from './bank/seed-establishments.ts';
import { ConfigError } from './config-error.ts';
import type { Establishment } from './core/establishments/establishment.ts';

type Env = Readonly<Record<string, string | undefined>>;

const CODE = /^\d{5}$/;
const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

const invalid = (message: string) => new ConfigError(message);

/** A bank's own table: `[{ "code": "12345", "bic": "...", "brands": [{ "name": "...", "shortName": "..." }] }]`. */
function fromFile(path: string): Establishment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw invalid(`OPENSTET_ESTABLISHMENTS: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw invalid(`OPENSTET_ESTABLISHMENTS: ${path} must hold a non-empty array of establishments`);
  return parsed.map((entry: Establishment, index) => {
    const brands = Array.isArray(entry?.brands) ? entry.brands : [];
    const named = brands.every((b) => typeof b?.name === 'string' && typeof b?.shortName === 'string');
    if (!CODE.test(String(entry?.code)) || !BIC.test(String(entry?.bic)) || brands.length === 0 || !named)
      throw invalid(
        `OPENSTET_ESTABLISHMENTS: ${path}[${index}] needs a five-digit code, a BIC and brands with name and shortName`,
      );
    return Object.freeze({ code: String(entry.code), bic: String(entry.bic), brands: Object.freeze(brands) });
  });
}

/** Codes of the seed's table, comma-separated. */
function fromSeed(codes: readonly string[]): Establishment[] {
  return codes.map((code) => {
    const found = SEED_ESTABLISHMENTS.find((establishment) => establishment.code === code);
    if (!found)
      throw invalid(
        `OPENSTET_ESTABLISHMENTS: ${code} is not in the seed's table (${SEED_ESTABLISHMENTS.map((e) => e.code).join(', ')}); give a .json file for others`,
      );
    return found;
  });
}

/**
 * `OPENSTET_ESTABLISHMENTS`: the establishments served — codes of the seed's table (default: all 11) or the
 * path of a JSON file with a bank's own — and `OPENSTET_DEFAULT_CDETAB` (default 13807), the one reached at
 * a host that names none.
 */
export function establishmentsConfig(env: Env): { all: readonly Establishment[]; defaultCode: string } {
  const raw = env.OPENSTET_ESTABLISHMENTS?.trim() ?? '';
  const codes = raw
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  const all = raw.endsWith('.json')
    ? fromFile(raw)
    : codes.length > 0
      ? fromSeed(codes)
      : [...SEED_ESTABLISHMENTS];
  if (new Set(all.map((establishment) => establishment.code)).size !== all.length)
    throw invalid('OPENSTET_ESTABLISHMENTS: an establishment code appears twice');
  const defaultCode = env.OPENSTET_DEFAULT_CDETAB?.trim() || '13807';
  if (!all.some((establishment) => establishment.code === defaultCode))
    throw invalid(`OPENSTET_DEFAULT_CDETAB: ${defaultCode} is not one of the establishments served`);
  return { all: Object.freeze(all), defaultCode };
}
