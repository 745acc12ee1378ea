import type { KeyObject } from 'node:crypto';
import {
  HttpSignatureError,
  type Psd2Role,
  requiredSignedHeaders,
  signingKeyProblem,
  verifyMessageSignature,
} from '@openstet/protocol';
import type { FastifyRequest, onRequestAsyncHookHandler, RouteShorthandOptions } from 'fastify';
import { authoriseTpp, type TppIdentity, type TppRefusal } from '../core/tpp/authorise-tpp.ts';
import type { TppLicence } from '../core/tpp/tpp-licence.ts';
import type { RevocationChecker } from '../trust/revocation-checker.ts';
import type { SigningCertificate } from '../trust/signing-certificates.ts';
import type { TtlCache } from '../trust/ttl-cache.ts';
import { type ApiError, Errors } from './api-error.ts';
import { rejectBadBody } from './raw-body.ts';
import { replayGuard } from './replay-guard.ts';
import { responseSeal } from './response-seal.ts';
import { revocationRefusal } from './revocation-refusal.ts';
import { tppQuota } from './tpp-quota.ts';

export interface TrustChainDeps {
  readonly licences: TtlCache<TppLicence | undefined>;
  readonly signingCertificates: TtlCache<SigningCertificate | undefined>;
  /** The bank's own QSealC, to sign responses (STET CR199). */
  readonly bankSeal: { readonly keyId: string; readonly privateKey: KeyObject };
  readonly clockSkewSeconds: number;
  /** CRL and OCSP status of the QWAC and of the QSealC, cached. */
  readonly revocation: RevocationChecker;
  /** STET calls per TPP per second before 429 TMRQ. */
  readonly tppRateLimit: number;
  readonly now: () => Date;
}

export interface StetRouteOptions {
  /** The PSD2 role the endpoint needs (ETSI TS 119 495 §5.1): PSP_IC, PSP_AI or PSP_PI. */
  readonly role: Psd2Role;
  /** Sign 2xx responses with the bank's QSealC (STET CR199: funds confirmation and payment calls). */
  readonly signResponse?: boolean;
}

const EMPTY = Buffer.alloc(0);

function refusalError(tpp: TppIdentity, refusal: TppRefusal): ApiError {
  const org = tpp.organizationIdentifier;
  switch (refusal.reason) {
    case 'certificate-expired':
      return Errors.invalidCertificate(
        `Client certificate expired on ${refusal.at.toISOString()}: renew your QWAC`,
      );
    case 'certificate-not-yet-valid':
      return Errors.invalidCertificate(`Client certificate is not valid before ${refusal.at.toISOString()}`);
    case 'not-registered':
      return Errors.notLicensed(`${org} is not in the register of licensed TPPs (REGAFI / EBA register)`);
    case 'licence-withdrawn':
      return Errors.licenceWithdrawn(`The licence of ${org} is withdrawn in the register: access refused`);
    case 'role-not-in-certificate':
      return Errors.roleMissing(`Your QWAC does not carry the PSD2 role ${refusal.role} this endpoint needs`);
    case 'role-not-licensed':
      return Errors.roleMissing(
        `${org} is not licensed for the PSD2 role ${refusal.role} this endpoint needs`,
      );
  }
}

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
 * The trust chain every STET call passes, written out in the order it runs:
 * 1. onRequest: the TPP identity from the QWAC (global hook) is authorised for the endpoint's role, its
 *    QWAC not revoked (CRL/OCSP), within its quota (429 TMRQ);
 * 2. preValidation: the QSealC signature, fresh (signed Date within the skew, X-Request-ID not replayed),
 *    the Digest of the raw body (STET Part I §3.5; seed: 400), the QSealC not revoked, then the body;
 * 3. onSend: 2xx responses of funds-confirmation and payment calls are signed by the bank (CR199).
 */
export function createTrustChain(deps: TrustChainDeps) {
  const quota = tppQuota(deps.tppRateLimit);
  const refuseReplay = replayGuard(deps.clockSkewSeconds, deps.now);
  const signResponse = responseSeal(deps.bankSeal);
  const authorise =
    (role: Psd2Role | undefined): onRequestAsyncHookHandler =>
    async (request) => {
      const tpp = request.tpp;
      if (!tpp)
        throw Errors.certificateRequired('A client certificate (eIDAS QWAC) is required on this endpoint');
      const refusal = authoriseTpp(
        tpp,
        await deps.licences.get(tpp.organizationIdentifier),
        role,
        deps.now(),
      );
      if (refusal) throw refusalError(tpp, refusal);
      const status = await deps.revocation.status(tpp.certificate);
      const revoked = revocationRefusal(status, 'QWAC', 'use a valid one');
      if (revoked) throw revoked;
    };

  /** Signature and Digest first, then the JSON syntax: an unauthenticated request learns nothing more. */
  const verifySignature = async (request: FastifyRequest): Promise<void> => {
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
    // Freshness (ADR 0004): the same signed request, or another one reusing its X-Request-ID, is refused.
    refuseReplay(tpp.organizationIdentifier, String(request.headers['x-request-id']));
    rejectBadBody(request);
  };

  return Object.freeze({
    /** Hooks for a STET API route: role, Digest, signature, JSON syntax, and the response signature. */
    stetRoute(options: StetRouteOptions): RouteShorthandOptions {
      return {
        onRequest: [authorise(options.role), quota],
        preValidation: [verifySignature],
        ...(options.signResponse ? { onSend: [signResponse] } : {}),
      };
    },
    /** Hooks for a TPP route that is not signed (registration, token): every licensed PSD2 role, or just `role`. */
    tppRoute(role?: Psd2Role): RouteShorthandOptions {
      return { onRequest: [authorise(role)], preValidation: [async (request) => rejectBadBody(request)] };
    },
  });
}

export type TrustChain = ReturnType<typeof createTrustChain>;
