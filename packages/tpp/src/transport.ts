import { Agent, request } from 'node:https';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TransportOptions {
  /** The QWAC presented for mutual TLS (PEM texts). */
  readonly certificate: string;
  readonly privateKey: string;
  /** CA certificates for the bank's server certificate; the system trust store when absent. */
  readonly ca: string | undefined;
  readonly timeoutMs: number;
}

export type Transport = (call: HttpRequest) => Promise<HttpResponse>;

/**
 * HTTPS with the QWAC as client certificate, on one keep-alive agent: the TLS session is reused for
 * every call, as banks expect on the hot path. A call that takes longer than `timeoutMs` is aborted.
 */
export function mutualTlsTransport(options: TransportOptions): { send: Transport; close(): void } {
  const agent = new Agent({
    keepAlive: true,
    cert: options.certificate,
    key: options.privateKey,
    ...(options.ca ? { ca: options.ca } : {}),
    minVersion: 'TLSv1.2',
  });
  const send: Transport = (call) =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        call.url,
        { method: call.method, headers: call.headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      outgoing.setTimeout(options.timeoutMs, () =>
        outgoing.destroy(
          new Error(`no answer from ${new URL(call.url).host} within ${options.timeoutMs} ms`),
        ),
      );
      outgoing.on('error', reject);
      outgoing.end(call.body);
    });
  return { send, close: () => agent.destroy() };
}
