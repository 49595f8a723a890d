/**
 * How a command plugs into `rab`: a function that adds itself to the program. Commands that share
 * a first word (`users add`, `users import-demo`, later `audit verify`) hang off one group.
 */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

export type CliCommand = (program: Command, ctx: CliContext) => void;

/** The command group called `name`, created on first use. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function storeOption(cmd: Command): Command {
  return cmd.requiredOption('--store <path>', 'the encrypted store file (its key is kept in the system keychain)');
}
