/** `rab users import-demo`: creates the demonstration accounts of a seeded set. */
import { importDemoUsers } from '../../users/import-demo-users';
import { UsageError } from '../cli-context';
import { table } from '../cli-format';
import { readPassword } from '../read-password';
import { openStoreTarget, storeOrDatabaseOption } from '../store-target';
import { commandGroup, type CliCommand } from './command';
import { PASSWORD_STDIN_REQUIRED } from './users-add';

export const usersImportDemoCommand: CliCommand = (program, ctx) => {
  const users = commandGroup(program, 'users', 'Manage app accounts.');
  storeOrDatabaseOption(
    users
      .command('import-demo')
      .description('Create the demonstration accounts listed in demo-users.csv (from rab seed --demo-users), all with one password.')
      .argument('<dir>', 'the seeded folder holding demo-users.csv'),
  )
    .option('--password-stdin', 'read the password for every demonstration account from standard input')
    .addHelpText(
      'after',
      '\nImport the same set into the store first, so the staff the accounts belong to exist.\n\n' +
        "Example:\n  printf '%s' 'demonstration pass' | rab users import-demo ./office-set --store ./broker.db --password-stdin\n" +
        "  printf '%s' 'demonstration pass' | rab users import-demo ./office-set --database postgres://broker@db.internal/broker --password-stdin",
    )
    .action(async (dir: string, flags: { store?: string; database?: string; passwordStdin?: boolean }) => {
      if (!flags.passwordStdin) throw new UsageError(PASSWORD_STDIN_REQUIRED);
      const target = await openStoreTarget(flags, ctx, { poolSize: 1 });
      try {
        const password = await readPassword(ctx);
        const created = await importDemoUsers(target.engine, dir, password, { actor: 'cli', now: ctx.now });
        ctx.stdout.write(
          `Created ${created.length} demonstration accounts:\n\n` +
            `${table(['username', 'roles', 'staff', 'name'], created.map((u) => [u.username, u.roles.join(', '), u.staffCode ?? '', u.displayName]))}\n`,
        );
      } finally {
        await target.close();
      }
    });
};
