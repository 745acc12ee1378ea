import type { KeyPair, PemSource } from './credentials.ts';
import type { TokenStore } from './token-store.ts';

export interface StetClientOptions {
  /** The bank's STET API base, before the version: e.g. `https://localhost:8444/stet/psd2`. */
  readonly apiBaseUrl: string;
  /** The bank's public base URL, where the customer's browser goes: e.g. `https://localhost:8443`. */
  readonly authorizationServer: string;
  /** Your QWAC (mutual TLS) and QSealC (HTTP signatures), PEM texts or file paths. */
  readonly qwac: KeyPair;
  readonly qseal: KeyPair;
  /** CA certificate(s) for the bank's server certificate; the system trust store when absent. */
  readonly ca?: PemSource;
  /** Your organizationIdentifier, e.g. `PSDFR-ACPR-12345` (STET: the OAuth2 client_id). */
  readonly clientId: string;
  /** `serial-and-issuer` (BPCE: `SN=…,CA=…`, the default) or the URL form with your certificate's URL. */
  readonly keyIdStyle?: 'serial-and-issuer' | { readonly url: string };
  /** The bank's QSealC: when given, signed answers (STET CR199) must verify with it. */
  readonly bankSealCertificate?: PemSource;
  /** Token endpoints; by default `/token` and `/revoke` at the API's origin. */
  readonly tokenEndpoint?: string;
  readonly revocationEndpoint?: string;
  readonly tokenStore?: TokenStore;
  readonly timeoutMs?: number;
  /** Extra attempts after a network failure, for calls with no effect at the bank. Default 0. */
  readonly retries?: number;
}

export interface CallOptions {
  /** Whose tokens: your key for the customer (default `default`). */
  readonly tokenKey?: string;
  /** PSU context headers (`PSU-IP-Address`, …): sent and signed. */
  readonly psuHeaders?: Readonly<Record<string, string>>;
}

/** The token key of a call that names none: a TPP with one customer never has to name one. */
export const DEFAULT_TOKEN_KEY = 'default';
