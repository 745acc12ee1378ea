import type { KeyObject } from 'node:crypto';
import {
  HttpSignatureError,
  requiredSignedHeaders,
  signingKeyProblem,
  verifyMessageSignature,
} from '@openstet/protocol';
import type { FastifyRequest } from 'fastify';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import type { RevocationChecker } from '../trust/revocation-checker.ts';
import type { SigningCertificate } from '../trust/signing-certificates.ts';
import type { TtlCache } from '../trust/ttl-cache.ts';
import { Errors } from './api-error.ts';
import { rejectBadBody } from './raw-body.ts';
import { replayGuard } from './replay-guard.ts';
import { revocationRefusal } from './revocation-refusal.ts';

export interface SignatureCheckDeps {
  readonly signingCertificates: TtlCache<SigningCertificate | undefined>;
  readonly revocation: RevocationChecker;
  readonly clockSkewSeconds: number;
  readonly now: () => Date;
}

const EMPTY = Buffer.alloc(0);

function keyResolver(tpp: TppIdentity, signer: SigningCertificate | undefined, now: Date) {
  const unknown = (message: string) => new HttpSignatureError('key-id-unknown', message);
  return (keyId: string): KeyObject => {
    if (!signer)
      throw unknown(`No QSealC registered for ${tpp.organizationIdentifier}: POST /register first`);
    const match = signer.match(keyId);
    if (match === 'unreadable')
      throw unknown('keyId must read SN=<hex serial>,CA=<issuer DN> or be your registered certificate URL');
    if (match === 'other')
      throw unknown(`keyId matches no QSealC registered for ${tpp.organizationIdentifier}`);
    if (!signer.trusted || now > signer.certificate.notAfter || now < signer.certificate.notBefore) {
      throw new HttpSignatureError(
        'signature-invalid',
        'Your registered QSealC is expired or no longer trusted: register a new one',
      );
    }
    // Registered before the key rules applied: a weak key signs nothing any more.
    const keyProblem = signingKeyProblem(signer.certificate.publicKey);
    if (keyProblem)
      throw new HttpSignatureError(
        'signature-invalid',
        `Your registered QSealC ${keyProblem}: register a new one`,
      );
    return signer.certificate.publicKey;
  };
}

/**
 * A preValidation hook: the request is signed with the TPP's registered QSealC (STET Part I §3.5), fresh
 * (signed Date within the skew, X-Request-ID not replayed: ADR 0004), its Digest matches the raw body
 * (seed: 400), the QSealC is not revoked, then the JSON syntax — an unauthenticated request learns nothing
 * more.
 */
export function signatureCheck(deps: SignatureCheckDeps) {
  const refuseReplay = replayGuard(deps.clockSkewSeconds, deps.now);
  return async (request: FastifyRequest): Promise<void> => {
    const tpp = request.tpp as TppIdentity;
    // STET bodies are JSON: another media type would reach the handler without its bytes under the Digest.
    if (request.body !== undefined && request.rawBody === undefined) {
      throw Errors.unsupportedMediaType('STET request bodies are application/json');
    }
    const body = request.rawBody ?? EMPTY;
    const signer = await deps.signingCertificates.get(tpp.organizationIdentifier);
    const now = deps.now();
    await verifyMessageSignature(
      { method: request.method, target: request.raw.url ?? request.url, headers: request.headers },
      request.headers.signature as string | undefined,
      {
        requiredHeaders: requiredSignedHeaders(Object.keys(request.headers), body.length > 0),
        resolveKey: keyResolver(tpp, signer, now),
        clockSkewSeconds: deps.clockSkewSeconds,
        now: now.getTime(),
        body,
      },
    );
    // The QSealC's revocation, once its signature is known to be good (verifying costs less than asking).
    const sealed = revocationRefusal(
      await deps.revocation.status((signer as SigningCertificate).certificate),
      'registered QSealC',
      'register a valid one',
    );
    if (sealed) throw sealed;
    refuseReplay(tpp.organizationIdentifier, String(request.headers['x-request-id']));
    rejectBadBody(request);
  };
}
