/**
 * The bench TPP's certificates as a TPP gets them: `openstet certs tpp` issues its QWAC and QSealC from the
 * sandbox CA and records its licence in the register, for the roles a scenario calls with (a card issuer,
 * PSP_IC; an account information service, PSP_AI).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyAndCertificate, Psd2Role } from '@openstet/protocol';
import { type BankEnvironment, openstet } from './served-bank.ts';
import { type ClientTls, TPP } from './tpp.ts';

/** The bench TPP's files, as `openstet certs tpp` writes them. */
export interface TppFiles {
  readonly tls: ClientTls;
  readonly qwacFile: string;
  readonly qseal: KeyAndCertificate;
}

/** The bench TPP as `certs tpp` and `registry license` name it, licensed for `roles`. */
export function tppLicence(roles: readonly Psd2Role[]): readonly string[] {
  return ['--org-id', TPP.organizationIdentifier, '--name', TPP.organizationName, '--roles', roles.join(',')];
}

/** `openstet certs tpp`: the TPP's QWAC and QSealC from the sandbox CA, licensed for `roles` in the register. */
export async function issueTpp(bank: BankEnvironment, roles: readonly Psd2Role[]): Promise<TppFiles> {
  const out = join(bank.dataDir, 'tpp');
  await openstet(bank, ['certs', 'tpp', ...tppLicence(roles), '--out', out]);
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  return {
    tls: { ca: read('ca.pem'), cert: read('qwac.pem'), key: read('qwac.key') },
    qwacFile: join(out, 'qwac.pem'),
    qseal: { certificatePem: read('qseal.pem'), privateKeyPem: read('qseal.key') },
  };
}
