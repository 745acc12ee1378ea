import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isStetVersion, readEidasCertificate, type StetVersion } from '@openstet/protocol';
import type { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { baseUrl } from '../options.ts';

export const TPP_DEFAULTS = Object.freeze({
  certs: './tpp',
  authorizationServer: 'https://localhost:8443',
  api: 'https://localhost:8444/stet/psd2',
});

/** The options every `tpp …` command takes, as commander gives them. */
export interface TppOptions {
  readonly certs: string;
  readonly authorizationServer: string;
  readonly api: string;
  readonly clientId?: string;
  readonly bankSeal?: string;
  readonly json?: boolean;
}

/** Where and who: the TPP's files, its client_id, the bank's URLs. */
export interface TppContext {
  readonly certs: string;
  readonly qwac: { readonly certificate: string; readonly privateKey: string };
  readonly qseal: { readonly certificate: string; readonly privateKey: string };
  /** The CA of the bank's server certificate (`<certs>/ca.pem`), or the system trust store. */
  readonly ca: string | undefined;
  readonly clientId: string;
  readonly organizationName: string | undefined;
  readonly authorizationServer: string;
  readonly apiBaseUrl: string;
  /** `--api v1` / `--api v1.4.2`: the shorthand for `--api-version`. */
  readonly apiVersion: StetVersion | undefined;
  readonly bankSeal: string | undefined;
  readonly tokenFile: string;
}

const apiOption = (value: string) => (isStetVersion(value) ? value : baseUrl('--api')(value));

export function withTppOptions(command: Command): Command {
  return command
    .option('--certs <dir>', 'your QWAC, QSealC and CA, as `certs tpp --out` writes them', TPP_DEFAULTS.certs)
    .option(
      '--authorization-server <url>',
      "the bank's public URL (/authorize, OAuth metadata)",
      baseUrl('--authorization-server'),
      TPP_DEFAULTS.authorizationServer,
    )
    .option('--api <url>', "the bank's STET API base, before the version", apiOption, TPP_DEFAULTS.api)
    .option('--client-id <id>', 'your client_id (default: the organizationIdentifier of your QWAC)')
    .option(
      '--bank-seal <pem>',
      "the bank's QSealC: its signed answers must verify with it (default: <OPENSTET_DATA_DIR or ./.openstet>/pki/bank-seal.pem when present)",
    )
    .option('--json', 'print the result as JSON');
}

function required(certs: string, name: string): string {
  const path = join(certs, name);
  if (!existsSync(path))
    throw new UsageError(
      `no ${name} in ${certs}: issue test certificates with \`openstet certs tpp --out ${certs} …\` or give --certs <dir>`,
    );
  return path;
}

/** The sandbox seal, when `--bank-seal` is absent: `<OPENSTET_DATA_DIR or ./.openstet>/pki/bank-seal.pem`. */
function bankSeal(option: string | undefined): string | undefined {
  if (option !== undefined) {
    if (!existsSync(option)) throw new UsageError(`--bank-seal: no file ${option}`);
    return resolve(option);
  }
  const sandbox = resolve(process.env.OPENSTET_DATA_DIR || '.openstet', 'pki', 'bank-seal.pem');
  return existsSync(sandbox) ? sandbox : undefined;
}

/** `--api v1` is funds-check's shorthand for `--api-version v1`; elsewhere `--api` is the base URL only. */
export function tppContext(options: TppOptions, { acceptsVersion = false } = {}): TppContext {
  if (isStetVersion(options.api) && !acceptsVersion)
    throw new UsageError(
      `--api takes the bank's STET API base, such as ${TPP_DEFAULTS.api}; a version (${options.api}) only with funds-check`,
    );
  const certs = resolve(options.certs);
  const qwacPath = required(certs, 'qwac.pem');
  const qwac = readEidasCertificate(readFileSync(qwacPath, 'utf8'));
  const clientId = options.clientId ?? qwac.organizationIdentifier;
  if (!clientId) throw new UsageError(`${qwacPath} has no organizationIdentifier: give --client-id`);
  const caPath = join(certs, 'ca.pem');
  const api = options.api;
  return Object.freeze({
    certs,
    qwac: { certificate: qwacPath, privateKey: required(certs, 'qwac.key') },
    qseal: { certificate: required(certs, 'qseal.pem'), privateKey: required(certs, 'qseal.key') },
    ca: existsSync(caPath) ? readFileSync(caPath, 'utf8') : undefined,
    clientId,
    organizationName: qwac.organizationName,
    authorizationServer: options.authorizationServer,
    apiBaseUrl: isStetVersion(api) ? TPP_DEFAULTS.api : api,
    apiVersion: isStetVersion(api) ? api : undefined,
    bankSeal: bankSeal(options.bankSeal),
    tokenFile: join(certs, 'tokens.enc'),
  });
}
