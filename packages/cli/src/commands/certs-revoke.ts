import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ensureSandboxPki, loadConfig, REVOCATION_REASONS, sandboxRevocationPointers } from '@openstet/aspsp';
import { type RevocationReason, readEidasCertificate } from '@openstet/protocol';
import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { withSandbox } from '../sandbox-access.ts';

interface RevokeOptions {
  readonly cert: string;
  readonly reason: RevocationReason;
  readonly json?: boolean;
}

function reason(value: string): RevocationReason {
  if (REVOCATION_REASONS.includes(value as RevocationReason)) return value as RevocationReason;
  throw new UsageError(`--reason "${value}": use one of ${REVOCATION_REASONS.join(', ')}`);
}

/** The certificate in `file`, which the sandbox's test CA must have issued: no one else's can be revoked here. */
function sandboxCertificate(file: string, ca: X509Certificate) {
  let certificate: ReturnType<typeof readEidasCertificate>;
  try {
    certificate = readEidasCertificate(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--cert ${file}: not a readable PEM certificate (${(error as Error).message})`);
  }
  if (!certificate.x509.checkIssued(ca) || !certificate.x509.verify(ca.publicKey))
    throw new UsageError(
      `--cert ${file} was not issued by this sandbox's test CA: only its CA can revoke it`,
    );
  return certificate;
}

async function revoke(options: RevokeOptions): Promise<void> {
  const config = loadConfig();
  // The server's certificate names the establishments the server serves, whoever issues it first.
  const pki = await ensureSandboxPki(config.dataDir, config.establishments);
  const certificate = sandboxCertificate(options.cert, new X509Certificate(pki.ca.certificatePem));
  const serialNumber = certificate.serialNumber;
  const revocation = await withSandbox(config, async ({ revocations }) => {
    await revocations.revoke({ serialNumber, revokedAt: new Date(), reason: options.reason });
    return (await revocations.list()).find((entry) => entry.serialNumber === serialNumber);
  });
  const pointers = sandboxRevocationPointers(config.publicUrl);
  const published = { crl: pointers.crlUrl, ocsp: pointers.ocspUrl };
  // A certificate naming no CRL or OCSP responder cannot be checked by anyone: say so, loudly.
  const unchecked = certificate.crlUrls.length === 0 && certificate.ocspUrls.length === 0;
  if (unchecked)
    process.stderr.write(
      `warning: ${options.cert} names no CRL or OCSP responder (issued before certs tpp added them): banks cannot see this revocation; issue new certificates with certs tpp\n`,
    );
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...revocation, organizationIdentifier: certificate.organizationIdentifier, published }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `Revoked ${certificate.commonName ?? certificate.organizationIdentifier} (serial ${serialNumber}) on ${revocation?.revokedAt.toISOString()}: ${revocation?.reason}.`,
      `The sandbox's CRL (${published.crl}) and OCSP responder (${published.ocsp}) now say so;`,
      unchecked
        ? 'but this certificate does not point at them, so no bank will check.'
        : 'a running sandbox refuses it at once, other banks within OPENSTET_REVOCATION_CACHE_SECONDS.',
      '',
    ].join('\n'),
  );
}

export function certsRevokeCommand(): Command {
  return new Command('revoke')
    .description("revoke a test certificate: the sandbox CA's CRL and OCSP responder list it from now on")
    .requiredOption('--cert <file>', 'the certificate to revoke (PEM), e.g. tpp/qwac.pem or tpp/qseal.pem')
    .option(
      '--reason <reason>',
      `CRLReason (RFC 5280 §5.3.1): ${REVOCATION_REASONS.join(', ')}`,
      reason,
      'unspecified',
    )
    .option('--json', 'print the revocation as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ npx openstet certs revoke --cert tpp/qwac.pem --reason keyCompromise',
    )
    .action(revoke);
}
