import { Command, CommanderError } from 'commander';
import { registerClientsCommand } from './commands/clients.command';
import { registerImportCommand } from './commands/import.command';
import { registerKeysCommand } from './commands/keys.command';
import { registerReindexCommand } from './commands/reindex.command';
import { registerUsersCommand } from './commands/users.command';
import type { CliDeps } from './cli-deps';

/** Parses `argv` (as in process.argv) and runs the command; resolves to the process exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let exitCode = 0;
  const program = new Command('connector')
    .description('Connector administration: import FHIR data, rebuild search indexes, manage users and OAuth clients')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.output.out(text.trimEnd()),
      writeErr: (text) => deps.output.err(text.trimEnd()),
    })
    .showHelpAfterError();
  // Settings above are inherited by the subcommands registered below.
  registerImportCommand(program, deps, (code) => {
    exitCode = code;
  });
  registerUsersCommand(program, deps);
  registerClientsCommand(program, deps);
  registerKeysCommand(program, deps);
  registerReindexCommand(program, deps);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    deps.output.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return exitCode;
}
