import type { KeyObject } from 'node:crypto';
import type { Psd2Role } from '@openstet/protocol';
import type { RouteShorthandOptions } from 'fastify';
import type { TppLicence } from '../core/tpp/tpp-licence.ts';
import type { RevocationChecker } from '../trust/revocation-checker.ts';
import type { SigningCertificate } from '../trust/signing-certificates.ts';
import type { TtlCache } from '../trust/ttl-cache.ts';
import { rejectBadBody } from './raw-body.ts';
import { responseSeal } from './response-seal.ts';
import { signatureCheck } from './signature-check.ts';
import { tppAuthorisation } from './tpp-authorisation.ts';
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

/**
 * The trust chain a TPP's call passes, as Fastify hooks. Its parts, in the order a STET endpoint runs them
 * (`standards/stet/stet-endpoint.ts` writes that order out):
 * - `authorise(role)` (onRequest): QWAC valid, TPP licensed for the role, QWAC not revoked;
 * - `quota` (onRequest): 429 TMRQ past the per-TPP rate;
 * - `verifySignature` (preValidation): QSealC signature, freshness, Digest, QSealC not revoked, JSON syntax;
 * - `seal` (onSend): 2xx answers signed by the bank (CR199).
 */
export function createTrustChain(deps: TrustChainDeps) {
  const authorise = tppAuthorisation(deps);
  const quota = tppQuota(deps.tppRateLimit);
  const verifySignature = signatureCheck(deps);
  const seal = responseSeal(deps.bankSeal, deps.now);
  return Object.freeze({
    authorise,
    quota,
    verifySignature,
    seal,
    /** The hooks of a signed STET route needing `role`, for routes that are not a STET endpoint (tests, bench). */
    stetRoute(options: StetRouteOptions): RouteShorthandOptions {
      return {
        onRequest: [authorise(options.role), quota],
        preValidation: [verifySignature],
        ...(options.signResponse ? { onSend: [seal] } : {}),
      };
    },
    /** Hooks for a TPP route that is not signed (registration, token): every licensed PSD2 role, or just `role`. */
    tppRoute(role?: Psd2Role): RouteShorthandOptions {
      return { onRequest: [authorise(role)], preValidation: [async (request) => rejectBadBody(request)] };
    },
  });
}

export type TrustChain = ReturnType<typeof createTrustChain>;
