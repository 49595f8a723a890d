/** `rab users add`: creates one account; the password comes from standard input only. */
import { ROLES } from '../../../../shared/domain/access';
import { createUser } from '../../users/create-user';
import { UsageError } from '../cli-context';
import { nonEmpty, oneOfRepeated } from '../cli-options';
import { readPassword } from '../read-password';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { commandGroup, type CliCommand } from './command';

interface AddFlags {
  store?: string;
  database?: string;
  username: string;
  role: string[];
  staffCode?: string;
  displayName?: string;
  passwordStdin?: boolean;
}

export const PASSWORD_STDIN_REQUIRED =
  'The password is read from standard input: pass --password-stdin (passwords are never accepted as arguments, which other users can see).';

export const usersAddCommand: CliCommand = (program, ctx) => {
  const users = commandGroup(program, 'users', 'Manage app accounts.');
  storeOrDatabaseOption(users.command('add').description('Create an account with one or more roles, linked to a member of staff.'))
    .requiredOption('--username <name>', 'lower-case letters, digits, dots, hyphens or underscores; 3 to 64 characters', nonEmpty('The username'))
    .requiredOption('--role <role>', `a role, repeat for several: ${ROLES.join(', ')}`, oneOfRepeated(ROLES))
    .option('--staff-code <code>', 'the staff member the account is for (required for crc-practitioner, nps-offender-manager and hub)')
    .option('--display-name <name>', 'name shown in the app (default: the staff member’s name)')
    .option('--password-stdin', 'read the password (at least 12 characters) from standard input')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        "  printf '%s' \"$PASSWORD\" | rab users add --store ./broker.db --username jsmith --role crc-practitioner --staff-code C17T01B --password-stdin\n" +
        '  rab users add --store ./broker.db --username lead --role hub --role lao-admin --staff-code N07H01B --password-stdin  (prompts)',
    )
    .action(async (flags: AddFlags) => {
      if (!flags.passwordStdin) throw new UsageError(PASSWORD_STDIN_REQUIRED);
      const target = await openStoreTarget(flags, ctx, { poolSize: 1 });
      try {
        const password = await readPassword(ctx);
        const user = await createUser(
          target.engine,
          { username: flags.username, roles: flags.role, staffCode: flags.staffCode ?? null, displayName: flags.displayName ?? null, password },
          { actor: 'cli', now: ctx.now },
        );
        const staff = user.staffCode ? `, staff ${user.staffCode}` : '';
        ctx.stdout.write(`Created account ${user.username} (${user.displayName}${staff}) with role(s) ${user.roles.join(', ')}.\n`);
      } finally {
        await target.close();
      }
    });
};
