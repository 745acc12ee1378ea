import { readFileSync } from 'node:fs';
import {
  ApiError,
  type PopulationTpp,
  qwacIdentity,
  type Store,
  tppRegistryRepository,
} from '@openstet/aspsp';
import { type EidasCertificate, readEidasCertificate } from '@openstet/protocol';
import { UsageError } from '../exit-codes.ts';

/** The TPP of `--tpp-qwac`, and its QWAC for the warnings below. */
export interface QwacTpp {
  readonly tpp: PopulationTpp;
  readonly certificate: EidasCertificate;
}

/**
 * The TPP whose QWAC is in `file`, read as the bank reads a client certificate at /token (`qwacIdentity`):
 * client id = its organizationIdentifier, tokens bound to its RFC 8705 §3 `x5t#S256` thumbprint.
 */
export function qwacTpp(file: string): QwacTpp {
  let certificate: EidasCertificate;
  try {
    certificate = readEidasCertificate(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--tpp-qwac ${file}: not a readable PEM certificate (${(error as Error).message})`);
  }
  try {
    const identity = qwacIdentity(certificate);
    return {
      tpp: { clientId: identity.organizationIdentifier, certificateThumbprint: identity.fingerprint256 },
      certificate,
    };
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(`--tpp-qwac ${file}: ${error.message}`);
    throw error;
  }
}

/** What would make the bank refuse the TPP's calls with these tokens: said now, not at the first request. */
export async function tppWarnings(store: Store, { tpp, certificate }: QwacTpp, now: Date): Promise<string[]> {
  const licence = await tppRegistryRepository(store.db).find(tpp.clientId);
  const warnings: string[] = [];
  if (licence?.status !== 'licensed')
    warnings.push(
      `${tpp.clientId} is ${licence ? 'withdrawn from' : 'not in'} this bank's register: the bank refuses its calls until \`openstet registry license --org-id ${tpp.clientId} …\``,
    );
  if (!certificate.psd2?.roles.includes('PSP_IC'))
    warnings.push(`the QWAC has no PSP_IC role: the bank refuses its funds confirmations (ROLE_MISSING)`);
  if (now < certificate.notBefore || now > certificate.notAfter)
    warnings.push(
      `the QWAC is not valid now (${certificate.notBefore.toISOString()} to ${certificate.notAfter.toISOString()})`,
    );
  return warnings;
}
