import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAndCertificate } from '../src/index.ts';

const ROLE_OIDS = {
  PSP_PI: '0.4.0.19495.1.2',
  PSP_AI: '0.4.0.19495.1.3',
  PSP_IC: '0.4.0.19495.1.4',
} as const;

/** An OpenSSL config section set describing qcStatements (QcCompliance, QcType, PSD2 roles). */
function qcStatementsConfig(qcTypeOid: string, roles: readonly (keyof typeof ROLE_OIDS)[]): string {
  const roleSections = roles.map(
    (role, index) => `[role${index}]\nid = OID:${ROLE_OIDS[role]}\nname = UTF8:${role}\n`,
  );
  return `
[qcs]
compliance = SEQUENCE:qc_compliance
type = SEQUENCE:qc_type
psd2 = SEQUENCE:qc_psd2
[qc_compliance]
id = OID:0.4.0.1862.1.1
[qc_type]
id = OID:0.4.0.1862.1.6
types = SEQUENCE:qc_type_values
[qc_type_values]
type = OID:${qcTypeOid}
[qc_psd2]
id = OID:0.4.0.19495.2
info = SEQUENCE:psd2_info
[psd2_info]
roles = SEQUENCE:psd2_roles
nca_name = UTF8:ACPR
nca_id = UTF8:FR-ACPR
[psd2_roles]
${roles.map((_, index) => `role${index} = SEQUENCE:role${index}`).join('\n')}
${roleSections.join('\n')}`;
}

function openssl(directory: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: 'pipe' });
}

/**
 * A CA and a TPP certificate made by the OpenSSL command line, not by our issuer: the TPP certificate
 * carries organizationIdentifier and the PSD2 QcStatement as OpenSSL encodes them.
 */
export function opensslPki(options: {
  organizationIdentifier: string;
  kind: 'qwac' | 'qsealc';
  roles: readonly (keyof typeof ROLE_OIDS)[];
}): { ca: KeyAndCertificate; tpp: KeyAndCertificate } {
  const directory = mkdtempSync(join(tmpdir(), 'openstet-openssl-'));
  const qcType = options.kind === 'qwac' ? '0.4.0.1862.1.6.3' : '0.4.0.1862.1.6.2';
  const usage =
    options.kind === 'qwac'
      ? 'digitalSignature, keyEncipherment\nextendedKeyUsage = clientAuth'
      : 'digitalSignature, nonRepudiation';
  writeFileSync(
    join(directory, 'tpp.cnf'),
    `[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nC = FR\nO = OpenSSL Made TPP\norganizationIdentifier = ${options.organizationIdentifier}\nCN = openssl-tpp\n` +
      `[ext]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, ${usage}\n1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcs\n` +
      qcStatementsConfig(qcType, options.roles),
  );
  openssl(
    directory,
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/C=FR/O=OpenSSL Test QTSP/CN=OpenSSL Test QTSP CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    directory,
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tpp.key',
    '-out',
    'tpp.csr',
    '-config',
    'tpp.cnf',
  );
  openssl(
    directory,
    'x509',
    '-req',
    '-in',
    'tpp.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tpp.pem',
    '-days',
    '30',
    '-extfile',
    'tpp.cnf',
    '-extensions',
    'ext',
  );
  const read = (name: string) => readFileSync(join(directory, name), 'utf8');
  return {
    ca: { certificatePem: read('ca.pem'), privateKeyPem: read('ca.key') },
    tpp: { certificatePem: read('tpp.pem'), privateKeyPem: read('tpp.key') },
  };
}
