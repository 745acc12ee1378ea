/**
 * The STET PSD2 versions the bank serves, by the path segment TPPs call them with: `/stet/psd2/v1` is STET
 * 1.4.0.47 and `/stet/psd2/v1.4.2` is 1.4.2, as BPCE exposes them (seed, "Limitations sur les données").
 */
export const STET_VERSIONS = ['v1', 'v1.4.2'] as const;
export type StetVersion = (typeof STET_VERSIONS)[number];

/** The specification release each path segment stands for (the OpenAPI `info.version`). */
export const STET_VERSION_LABELS: Readonly<Record<StetVersion, string>> = Object.freeze({
  v1: '1.4.0.47',
  'v1.4.2': '1.4.2',
});

export function isStetVersion(value: string): value is StetVersion {
  return (STET_VERSIONS as readonly string[]).includes(value);
}

/** The base path of a version's API: `/stet/psd2/v1`, `/stet/psd2/v1.4.2`. */
export function stetBasePath(version: StetVersion): string {
  return `/stet/psd2/${version}`;
}

/** One value per version: a schema that differs between 1.4.0.47 and 1.4.2, each version's scopes, … */
export type PerVersion<T> = { readonly [V in StetVersion]: T };
