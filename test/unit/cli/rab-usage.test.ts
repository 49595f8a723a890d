import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-harness';

const { rab } = cliHarness();

describe('rab explains itself', () => {
  it('lists its commands and exit codes under --help', async () => {
    const r = await rab(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['seed', 'import', 'verify', 'users']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain('Exit status: 0 success, 1 failure, 2 usage error.');
  });

  it.each([
    [['seed'], ['--scale <scale>', '--out <dir>', '--seed <n>', '--as-of <date>', '--demo-users', 'docs/import-format.md']],
    [['import'], ['<dir>', '--store <path>', 'nothing is imported unless all are valid']],
    [['verify'], ['--store <path>', 'Exit status 0 only when every check holds']],
    [['users', 'add'], ['--username <name>', '--role <role>', '--staff-code <code>', '--password-stdin']],
    [['users', 'import-demo'], ['<dir>', '--store <path>', '--password-stdin']],
  ])('explains %j under --help', async (command, mentions) => {
    const r = await rab([...command, '--help']);
    expect(r.code).toBe(0);
    for (const m of mentions) expect(r.stdout).toContain(m);
  });

  it('prints its version', async () => {
    expect(await rab(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});

describe('rab refuses a wrong command line with exit code 2 and a clear message', () => {
  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['seed', '--scale', 'small', '--out', '/tmp/x', '--bogus'], "error: unknown option '--bogus'"],
    [['seed', '--scale', 'huge', '--out', '/tmp/x'], "argument 'huge' is invalid. Allowed choices are small, office, national."],
    [['seed', '--scale', 'small', '--out', '/tmp/x', '--seed', 'abc'], "argument 'abc' is invalid. It must be a whole number from 0 to 4294967295."],
    [['seed', '--scale', 'small', '--out', '/tmp/x', '--as-of', '2026-13-01'], 'It must be a date in the form YYYY-MM-DD.'],
    [['seed', '--out', '/tmp/x'], "error: required option '--scale <scale>' not specified"],
    [['import', '/tmp/x'], 'Give exactly one of --store PATH (the embedded store) or --database postgres://… (PostgreSQL).'],
    [['import', '--store', 'a.db'], "error: missing required argument 'dir'"],
    [['verify', '--store', 'a.db', 'extra'], 'error: too many arguments'],
    [['users', 'add', '--store', 'a.db', '--username', 'x', '--role', 'superuser'], 'It must be one of: crc-practitioner, nps-offender-manager, hub, admin, lao-admin.'],
  ])('%j', async (args, message) => {
    const r = await rab(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('never takes a password as an argument', async () => {
    const r = await rab(['users', 'add', '--store', 'a.db', '--username', 'jsmith', '--role', 'admin', '--password', 'secret passphrase']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--password'");
    const noStdin = await rab(['users', 'add', '--store', 'a.db', '--username', 'jsmith', '--role', 'admin']);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain('pass --password-stdin');
  });
});
