import { readFileSync } from 'node:fs';
import { type Config, ensureSandboxPki, runningServer } from '@openstet/aspsp';
import { withSandbox } from '../sandbox-access.ts';
import type { JourneyBank } from './demo-bank.ts';

/**
 * The sandbox bank that a running `openstet serve` (one process or several workers) serves on
 * `config.dataDir`: its URLs from the `server.json` it published, the test CA and the bank's seal from
 * the data directory's PKI, and licences recorded as `openstet certs tpp` records them (through the
 * server's admin API, else in the database).
 */
export async function runningBank(config: Config): Promise<JourneyBank> {
  const state = runningServer(config.dataDir);
  if (!state) throw new Error(`No openstet server runs on ${config.dataDir}: start one with openstet serve`);
  // The server created the PKI at start: this reads it (and creates nothing, the names being the same).
  const pki = await ensureSandboxPki(config.dataDir, config.establishments);
  return {
    publicUrl: state.publicUrl,
    mtlsUrl: state.mtlsUrl,
    ca: pki.ca,
    bankSeal: config.sealCertFile ? readFileSync(config.sealCertFile, 'utf8') : pki.bankSeal.certificatePem,
    license: (licence) => withSandbox(config, ({ registry }) => registry.save(licence)),
  };
}
