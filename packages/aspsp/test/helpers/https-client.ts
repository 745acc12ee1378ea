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
