import type { Psd2Role } from '@openstet/protocol';
import type { onRequestAsyncHookHandler } from 'fastify';
import { authoriseTpp, type TppIdentity, type TppRefusal } from '../core/tpp/authorise-tpp.ts';
import type { TppLicence } from '../core/tpp/tpp-licence.ts';
import type { RevocationChecker } from '../trust/revocation-checker.ts';
import type { TtlCache } from '../trust/ttl-cache.ts';
import { type ApiError, Errors } from './api-error.ts';
import { revocationRefusal } from './revocation-refusal.ts';

export interface TppAuthorisationDeps {
  readonly licences: TtlCache<TppLicence | undefined>;
  /** CRL and OCSP status of the QWAC, cached. */
  readonly revocation: RevocationChecker;
  readonly now: () => Date;
}

/** The core's TPP refusals in openstet's trust-chain codes (README "Error codes"). */
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

/**
 * An onRequest hook: the TPP identified by its QWAC (`client-certificate.ts`, before every route) may use
 * an endpoint needing `role` (RTS Art. 34; `role` undefined: any licensed PSD2 role), and its QWAC is not
 * revoked (CRL / OCSP).
 */
export function tppAuthorisation(deps: TppAuthorisationDeps) {
  return (role: Psd2Role | undefined): onRequestAsyncHookHandler =>
    async (request) => {
      const tpp = request.tpp;
      if (!tpp)
        throw Errors.certificateRequired('A client certificate (eIDAS QWAC) is required on this endpoint');
      const licence = await deps.licences.get(tpp.organizationIdentifier);
      const refusal = authoriseTpp(tpp, licence, role, deps.now());
      if (refusal) throw refusalError(tpp, refusal);
      const revoked = revocationRefusal(
        await deps.revocation.status(tpp.certificate),
        'QWAC',
        'use a valid one',
      );
      if (revoked) throw revoked;
    };
}
