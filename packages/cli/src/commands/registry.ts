import { loadConfig, type TppLicence } from '@openstet/aspsp';
import type { Psd2Role } from '@openstet/protocol';
import { Command } from 'commander';
import { UsageError } from '../exit-codes.ts';
import { organizationIdentifier, roles } from '../options.ts';
import { withSandbox } from '../sandbox-access.ts';

function print(licences: readonly TppLicence[], json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(licences, null, 2)}\n`);
    return;
  }
  if (licences.length === 0) process.stdout.write('The register is empty.\n');
  for (const licence of licences) {
    process.stdout.write(
      `${licence.organizationIdentifier}  ${licence.status.padEnd(9)}  ${licence.roles.join(',').padEnd(20)}  ${licence.name}\n`,
    );
  }
}

async function setStatus(
  options: { orgId: string; json?: boolean; name?: string; roles?: Psd2Role[] },
  status: TppLicence['status'],
): Promise<void> {
  const licence = await withSandbox(loadConfig(), async ({ registry }) => {
    const current = await registry.find(options.orgId);
    if (!current && (!options.name || !options.roles)) {
      throw new UsageError(`${options.orgId} is not in the register: give --name and --roles to add it`);
    }
    const next: TppLicence = {
      organizationIdentifier: options.orgId,
      name: options.name ?? current?.name ?? '',
      ncaName: current?.ncaName ?? 'ACPR',
      ncaId: current?.ncaId ?? 'FR-ACPR',
      roles: options.roles ?? current?.roles ?? [],
      status,
    };
    await registry.save(next);
    return next;
  });
  print([licence], options.json);
}

export function registryCommand(): Command {
  const registry = new Command('registry').description(
    'the register of licensed TPPs (the REGAFI / EBA register role)',
  );
  registry
    .command('list')
    .description('list the TPPs in the register')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      print(await withSandbox(loadConfig(), ({ registry }) => registry.list()), options.json),
    );
  registry
    .command('withdraw')
    .description('withdraw a TPP licence: the bank refuses its calls with 403 LICENCE_WITHDRAWN')
    .requiredOption('--org-id <id>', 'organizationIdentifier', organizationIdentifier)
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ npx openstet registry withdraw --org-id PSDFR-ACPR-12345')
    .action((options: { orgId: string; json?: boolean }) => setStatus(options, 'withdrawn'));
  registry
    .command('license')
    .description('license a TPP (again), or add it with --name and --roles')
    .requiredOption('--org-id <id>', 'organizationIdentifier', organizationIdentifier)
    .option('--name <name>', 'organisation name')
    .option('--roles <roles>', 'comma-separated PSD2 roles', roles)
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ npx openstet registry license --org-id PSDFR-ACPR-12345 --roles PSP_IC,PSP_AI',
    )
    .action((options: { orgId: string; name?: string; roles?: Psd2Role[]; json?: boolean }) =>
      setStatus(options, 'licensed'),
    );
  return registry;
}
