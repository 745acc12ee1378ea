import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { type EidasCertificate, readEidasCertificate } from '@openstet/protocol';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import { qwacIdentity } from '../trust/qwac-identity.ts';
import type { TrustStore } from '../trust/trust-store.ts';
import { ApiError, Errors } from './api-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The TPP on the other end of the mutual TLS connection, read from its QWAC. */
    tpp: TppIdentity | undefined;
  }
}

export interface ClientCertificateOptions {
  readonly trustStore: TrustStore;
  /** Header set by a TLS-terminating proxy (lower case); only honoured from `trustedProxies`. */
  readonly header: string | undefined;
  readonly trustedProxies: readonly string[];
  readonly now: () => Date;
}

type Outcome = TppIdentity | ApiError;

function identify(certificate: () => EidasCertificate): Outcome {
  try {
    return qwacIdentity(certificate());
  } catch (error) {
    if (error instanceof ApiError) return error;
    return Errors.invalidCertificate('Client certificate could not be parsed as an X.509 certificate');
  }
}

const SEVERAL =
  'The client certificate header holds more than one certificate: the proxy must set it, not append to it';
const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----$/;

/**
 * nginx `$ssl_client_escaped_cert` (URL-encoded PEM), a PEM, or RFC 9440 `:<base64 DER>:`, holding
 * exactly one certificate. None of these forms contains a comma, and Node joins a repeated header with
 * ", ": a comma means a proxy appended its value to the client's, and the client's (a victim's public
 * certificate) would come first. A PEM must be one certificate block and nothing else.
 */
function certificateFromHeader(value: string): EidasCertificate {
  const text = value.trim();
  if (text.includes(',')) throw Errors.invalidCertificate(SEVERAL);
  if (text.startsWith(':') && text.endsWith(':'))
    return readEidasCertificate(Buffer.from(text.slice(1, -1), 'base64'));
  const decoded = (text.includes('%') ? decodeURIComponent(text) : text).trim();
  if (decoded.includes('-----BEGIN')) {
    if (!PEM_CERTIFICATE.test(decoded)) throw Errors.invalidCertificate(SEVERAL);
    return readEidasCertificate(decoded);
  }
  return readEidasCertificate(Buffer.from(decoded, 'base64'));
}

function proxyList(addresses: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isFrom(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
}

/** Remembers up to 1 024 computed values by key, forgetting the oldest first. */
function boundedMemo<V>(capacity = 1024): (key: string, compute: () => V) => V {
  const values = new Map<string, V>();
  return (key, compute) => {
    if (values.has(key)) return values.get(key) as V;
    const value = compute();
    if (values.size >= capacity) values.delete(values.keys().next().value ?? '');
    values.set(key, value);
    return value;
  };
}

/**
 * Establishes `request.tpp` on the mTLS listener. The QWAC is parsed once per certificate (cached by
 * fingerprint, and on the socket) — or once per distinct header value behind a trusted proxy, where the chain to a trusted
 * QTSP is checked here because the proxy may not have (ingress-nginx#8584). The proxy header is removed
 * from every request that does not come from a trusted proxy, so no handler can be fooled by it.
 */
export function clientCertificateHook(options: ClientCertificateOptions): onRequestAsyncHookHandler {
  const bySocket = new WeakMap<object, Outcome>();
  const byHeader = boundedMemo<Outcome>();
  // A TPP opens many connections with one QWAC: parsed once for all of them (ADR 0003), keyed by its
  // SHA-256 fingerprint, which OpenSSL computes without parsing the eIDAS extensions.
  const byFingerprint = boundedMemo<Outcome>();
  const proxies = proxyList(options.trustedProxies);

  const fromHeader = (value: string): Outcome =>
    byHeader(value, () =>
      identify(() => {
        const certificate = certificateFromHeader(value);
        if (!options.trustStore.issued(certificate, options.now())) {
          throw Errors.invalidCertificate('Client certificate is not issued by a QTSP CA this bank trusts');
        }
        return certificate;
      }),
    );

  const fromSocket = (request: FastifyRequest): Outcome | undefined => {
    const socket = request.raw.socket as Partial<TLSSocket>;
    if (!socket.encrypted || !socket.authorized || !socket.getPeerX509Certificate) return undefined;
    let outcome = bySocket.get(socket);
    if (!outcome) {
      const peer = socket.getPeerX509Certificate();
      if (!peer) return undefined;
      outcome = byFingerprint(peer.fingerprint256, () => identify(() => readEidasCertificate(peer.raw)));
      bySocket.set(socket, outcome);
    }
    return outcome;
  };

  return async (request) => {
    let outcome: Outcome | undefined;
    if (options.header) {
      const value = request.headers[options.header];
      if (isFrom(proxies, request.raw.socket.remoteAddress)) {
        if (typeof value === 'string' && value !== '') outcome = fromHeader(value);
      } else {
        delete request.headers[options.header];
      }
    }
    outcome ??= fromSocket(request);
    if (!outcome)
      throw Errors.certificateRequired(
        'A client certificate (eIDAS QWAC) is required on this endpoint (STET Part I §3.2)',
      );
    if (outcome instanceof ApiError) throw outcome;
    request.tpp = outcome;
  };
}
