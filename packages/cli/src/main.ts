import { Command, CommanderError } from 'commander';
import { certsCommand } from './commands/certs.ts';
import { demoCommand } from './commands/demo.ts';
import { registryCommand } from './commands/registry.ts';
import { sandboxCommand } from './commands/sandbox.ts';
import { serveCommand } from './commands/serve.ts';
import { tppCommand } from './commands/tpp.ts';
import { EXIT, UsageError } from './exit-codes.ts';

const program = new Command('openstet')
  .description('openstet — the STET PSD2 bank side (ASPSP) with its sandbox, and the TPP tools')
  .version('0.1.0')
  // `openstet --version` only before a command: `tpp pay --version v1` is the pay command's STET version.
  .enablePositionalOptions()
  .addCommand(serveCommand())
  .addCommand(certsCommand())
  .addCommand(registryCommand())
  .addCommand(sandboxCommand())
  .addCommand(tppCommand())
  .addCommand(demoCommand())
  .addHelpText(
    'after',
    `
Examples:
  $ npx openstet serve
  $ npx openstet certs tpp --org-id PSDFR-ACPR-12345 --name "Acme Cards" --roles PSP_IC,PSP_AI --out ./tpp
  $ npx openstet registry withdraw --org-id PSDFR-ACPR-12345
  $ npx openstet registry list --json
  $ npx openstet sandbox populate --customers 10000 --seed demo --tpp-qwac ./tpp/qwac.pem --tokens-out ./tokens.jsonl
  $ npx openstet tpp register
  $ npx openstet tpp login --persona marc
  $ npx openstet tpp funds-check --iban FR7613807008043001965405158 --amount 123.45 --currency EUR
  $ npx openstet tpp pay --to FR7620041010050001234560463 --to-name "Claire Bernard" --amount 50.00 --persona marc
  $ npx openstet tpp token show
  $ npx openstet demo`,
  );

/** Commands built with `new Command()` do not inherit these settings: apply them to the whole tree. */
function throwInsteadOfExit(command: Command): void {
  command.exitOverride().showHelpAfterError();
  for (const child of command.commands) throwInsteadOfExit(child);
}
throwInsteadOfExit(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof UsageError) {
    process.stderr.write(`openstet: ${error.message}\n`);
    process.exitCode = EXIT.usage;
  } else {
    process.stderr.write(`openstet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failure;
  }
}
