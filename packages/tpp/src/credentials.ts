import { readFileSync } from 'node:fs';

/** A PEM given inline or as a file path. */
export type PemSource = string;

/** Reads a PEM given inline (it contains `-----BEGIN`) or as a path to a file. */
export function loadPem(source: PemSource): string {
  return source.includes('-----BEGIN') ? source : readFileSync(source, 'utf8');
}

/** A certificate and its private key, each a PEM or a file path. */
export interface KeyPair {
  readonly certificate: PemSource;
  readonly privateKey: PemSource;
}
