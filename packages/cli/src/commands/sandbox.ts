import { Command } from 'commander';
import { sandboxPopulateCommand } from './sandbox-populate.ts';

/** `openstet sandbox …`: the sandbox bank's own data. */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description("the sandbox bank's data: populate it with generated customers for load tests")
    .addCommand(sandboxPopulateCommand());
}
