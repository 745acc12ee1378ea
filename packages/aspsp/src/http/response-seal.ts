import type { KeyObject } from 'node:crypto';
import { computeDigest, signMessage } from '@openstet/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An onSend hook signing 2xx answers with the bank's QSealC (STET CR199: funds confirmation and payment
 * calls): `Date`, a `Digest` of the exact bytes sent and the request's `X-Request-ID`, so that a TPP can
 * bind the answer to its request.
 */
export function responseSeal(
  bankSeal: { readonly keyId: string; readonly privateKey: KeyObject },
  now: () => Date,
) {
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const headers = {
      date: now().toUTCString(),
      digest: computeDigest(payload),
      'x-request-id': String(reply.getHeader('x-request-id') ?? ''),
    };
    reply.headers(headers);
    reply.header(
      'signature',
      await signMessage({ headers }, { ...bankSeal, headers: ['date', 'digest', 'x-request-id'] }),
    );
    return payload;
  };
}
