/**
 * Builds the `rab` program from the command list and runs it, turning every outcome into an exit
 * code: 0 success, 1 failure (an AppError, bad import data, a failed check), 2 usage errors.
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../../../shared/errors';
import { storeFailureOf } from '../store/store-failures';
import { CommandFailed, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliContext } from './cli-context';
import { COMMANDS } from './commands';

const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('rab')
    .description('Records Access Broker administration: seed synthetic exports, import them into the encrypted store, verify it, manage accounts.')
    .version('0.1.0', '--version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nExit status: 0 success, 1 failure, 2 usage error.\nEvery command explains itself: rab <command> --help');
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) return SUCCESS_CODES.has(e.code) ? EXIT_OK : EXIT_USAGE;
    if (e instanceof UsageError) {
      ctx.stderr.write(`error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof CommandFailed) return EXIT_FAILURE;
    if (e instanceof AppError) {
      ctx.stderr.write(`error: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    // A full disk, a read-only folder or a damaged page is said in the store's own words.
    const storeFailure = storeFailureOf(e);
    if (storeFailure) {
      ctx.stderr.write(`error: ${storeFailure.message}\n`);
      return EXIT_FAILURE;
    }
    ctx.stderr.write(`error: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FAILURE;
  }
}
