import { type Agent, request } from 'node:https';

export interface HttpsResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The body's bytes, for binary answers (a CRL, an OCSP response). */
  readonly bytes: Buffer;
}

export interface HttpsCall {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** CA to trust for the server certificate; client certificate and key for mutual TLS. */
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
  readonly agent?: Agent;
  /**
   * Connect to this address whatever the URL's host (as `curl --resolve` does): the URL's host is still the
   * TLS server name (SNI) and the `Host` header, e.g. `https://16807.localhost:…` served on 127.0.0.1.
   */
  readonly resolveTo?: string;
  /** The TLS server name (SNI) to send, when it must differ from the `Host` header's. */
  readonly servername?: string;
}

/** A `lookup` answering every name with one address, for both the callback forms Node uses. */
function fixedLookup(address: string) {
  const family = address.includes(':') ? 6 : 4;
  return (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
}

/** One HTTPS request over real TLS, as a TPP's HTTP client would send it. */
export function httpsCall(url: string, call: HttpsCall): Promise<HttpsResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: call.method ?? 'GET',
        headers: call.headers,
        ca: call.ca,
        ...(call.cert ? { cert: call.cert } : {}),
        ...(call.key ? { key: call.key } : {}),
        ...(call.agent ? { agent: call.agent } : {}),
        ...(call.resolveTo ? { lookup: fixedLookup(call.resolveTo) as never } : {}),
        ...(call.servername ? { servername: call.servername } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: bytes.toString('utf8'),
            bytes,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(call.body);
  });
}
