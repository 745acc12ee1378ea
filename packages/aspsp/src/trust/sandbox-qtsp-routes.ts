import { X509Certificate } from 'node:crypto';
import {
  createCrl,
  createOcspErrorResponse,
  createOcspResponse,
  isCertIdOfIssuer,
  type KeyAndCertificate,
  type OcspAnswer,
  RevocationDataError,
  readOcspRequest,
} from '@openstet/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RevocationList } from '../core/ports/revocation-list.ts';

export interface SandboxQtspDeps {
  /** The sandbox's test QTSP CA: it signs the CRL and the OCSP answers itself. */
  readonly ca: KeyAndCertificate;
  readonly revocations: RevocationList;
  readonly now: () => Date;
  /** How long a published CRL or OCSP answer is current (its nextUpdate). */
  readonly validitySeconds: number;
}

export const CRL_PATH = '/pki/crl';
export const OCSP_PATH = '/pki/ocsp';

/** Where a certificate of the sandbox CA names its CRL and OCSP responder, on the public listener at `publicUrl`. */
export function sandboxRevocationPointers(publicUrl: string): {
  readonly crlUrl: string;
  readonly ocspUrl: string;
} {
  return { crlUrl: `${publicUrl}${CRL_PATH}`, ocspUrl: `${publicUrl}${OCSP_PATH}` };
}

/** RFC 6960 Appendix A: an OCSP request is small; a larger body is not one. */
const MAX_OCSP_REQUEST = 8 * 1024;

/**
 * What the sandbox's test QTSP publishes, as a real QTSP does, on the public listener: its CRL (RFC 5280
 * §5, `GET /pki/crl`) and an OCSP responder (RFC 6960 Appendix A: `POST /pki/ocsp`, or `GET
 * /pki/ocsp/<base64 request>`). Certificates from `openstet certs tpp` point here. The responder answers
 * "good" for any serial of this CA it has not revoked, as a CRL-based responder does.
 */
export function sandboxQtspRoutes(app: FastifyInstance, deps: SandboxQtspDeps): void {
  const issuer = new X509Certificate(deps.ca.certificatePem);
  const times = () => {
    const thisUpdate = deps.now();
    return { thisUpdate, nextUpdate: new Date(thisUpdate.getTime() + deps.validitySeconds * 1000) };
  };

  const answerOcsp = async (reply: FastifyReply, der: Buffer) => {
    reply.type('application/ocsp-response').header('cache-control', 'no-store');
    try {
      return reply.send(await ocspAnswer(der));
    } catch (error) {
      // RFC 6960 §2.3: a request the responder cannot read gets malformedRequest, anything else
      // internalError; both are OCSP answers (HTTP 200), never an HTTP error.
      if (error instanceof RevocationDataError)
        return reply.send(createOcspErrorResponse('malformedRequest'));
      reply.log.error({ err: error }, 'sandbox OCSP responder failed');
      return reply.send(createOcspErrorResponse('internalError'));
    }
  };

  const ocspAnswer = async (der: Buffer): Promise<Buffer> => {
    const request = readOcspRequest(der);
    const revoked = new Map((await deps.revocations.list()).map((entry) => [entry.serialNumber, entry]));
    const answers = request.certIds.map((certId): OcspAnswer => {
      if (!isCertIdOfIssuer(certId, issuer)) return { certId, status: 'unknown' };
      const entry = revoked.get(certId.serialNumber);
      return entry
        ? { certId, status: 'revoked', revokedAt: entry.revokedAt, reason: entry.reason }
        : { certId, status: 'good' };
    });
    return createOcspResponse(deps.ca, answers, {
      ...times(),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
  };

  app.register((qtsp, _options, done) => {
    qtsp.addContentTypeParser(
      'application/ocsp-request',
      { parseAs: 'buffer', bodyLimit: MAX_OCSP_REQUEST },
      (_request, body, parsed) => parsed(null, body),
    );
    qtsp.get(CRL_PATH, { config: { audit: false } }, async (_request, reply) => {
      const revoked = await deps.revocations.list();
      const { thisUpdate, nextUpdate } = times();
      // A CRL number that only grows (RFC 5280 §5.2.3): the issue time, in milliseconds.
      const crlNumber = BigInt(thisUpdate.getTime());
      return reply
        .type('application/pkix-crl')
        .header('cache-control', 'no-store')
        .send(createCrl(deps.ca, revoked, { thisUpdate, nextUpdate, crlNumber }));
    });
    qtsp.post(OCSP_PATH, { config: { audit: false } }, async (request, reply) =>
      answerOcsp(reply, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)),
    );
    qtsp.get(`${OCSP_PATH}/*`, { config: { audit: false } }, async (request, reply) => {
      // The router has already decoded the path: what is left is the base64 of the DER request.
      const encoded = (request.params as Record<string, string>)['*'] ?? '';
      return answerOcsp(reply, Buffer.from(encoded, 'base64'));
    });
    done();
  });
}
