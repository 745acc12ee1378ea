import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** Fetches revocation data: a CRL (GET) or an OCSP answer (POST of the request). Rejects on any failure. */
export type FetchRevocationData = (
  url: string,
  post?: { readonly body: Buffer; readonly contentType: string },
) => Promise<Buffer>;

export interface RevocationFetchOptions {
  /** The whole exchange, connection included, must end within this. */
  readonly timeoutMs: number;
  /** CRLs of large QTSPs reach a few megabytes; anything longer is refused. */
  readonly maxBytes: number;
  /** Extra CAs trusted for https sources (the QTSP CAs); the system's roots are always trusted. */
  readonly ca: readonly string[];
}

/**
 * Revocation data over HTTP (RFC 5280 §4.2.1.13 CRLs, RFC 6960 Appendix A OCSP), usually plain http:
 * the data is signed by the CA, so TLS adds nothing, and a TLS check of the responder's own certificate
 * would need revocation data in turn. https sources are accepted too (the sandbox publishes on its
 * public listener). Bounded in time and size, no redirects, no cookies.
 */
export function httpRevocationFetch(options: RevocationFetchOptions): FetchRevocationData {
  const ca = [...rootCertificates, ...options.ca];
  return (url, post) =>
    new Promise((resolveFetch, rejectFetch) => {
      let deadline: NodeJS.Timeout | undefined;
      const resolve = (data: Buffer) => {
        clearTimeout(deadline);
        resolveFetch(data);
      };
      const reject = (error: Error) => {
        clearTimeout(deadline);
        rejectFetch(error);
      };
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        reject(new Error(`unsupported revocation source scheme ${target.protocol}`));
        return;
      }
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        target,
        {
          method: post ? 'POST' : 'GET',
          headers: post
            ? { 'content-type': post.contentType, 'content-length': String(post.body.length) }
            : {},
          ...(target.protocol === 'https:' ? { ca } : {}),
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`revocation source answered HTTP ${response.statusCode}`));
            return;
          }
          const chunks: Buffer[] = [];
          let length = 0;
          response.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > options.maxBytes) outgoing.destroy(new Error('revocation data too large'));
            else chunks.push(chunk);
          });
          response.on('end', () => resolve(Buffer.concat(chunks)));
          response.on('error', reject);
        },
      );
      deadline = setTimeout(
        () => outgoing.destroy(new Error(`revocation source did not answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      outgoing.on('error', reject);
      outgoing.end(post?.body);
    });
}
