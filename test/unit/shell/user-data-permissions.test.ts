import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restrictUserData } from '../../../electron/main/user-data-permissions';
import { useTempDirs } from '../../helpers/temp-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('user data folder permissions (SECURITY.md item 15)', () => {
  const tempDir = useTempDirs();

  function userData() {
    const root = join(tempDir(), 'Records Access Broker');
    mkdirSync(join(root, 'Local Storage', 'leveldb'), { recursive: true });
    writeFileSync(join(root, 'broker.db'), 'encrypted');
    writeFileSync(join(root, 'broker.db-wal'), 'encrypted');
    writeFileSync(join(root, 'Preferences'), '{}');
    writeFileSync(join(root, 'Local Storage', 'leveldb', '000003.log'), 'x');
    chmodSync(root, 0o755);
    chmodSync(join(root, 'Local Storage'), 0o775);
    chmodSync(join(root, 'Local Storage', 'leveldb'), 0o755);
    chmodSync(join(root, 'broker.db'), 0o644);
    chmodSync(join(root, 'broker.db-wal'), 0o666);
    chmodSync(join(root, 'Preferences'), 0o640);
    chmodSync(join(root, 'Local Storage', 'leveldb', '000003.log'), 0o604);
    return root;
  }

  it('makes every folder 0700 and every file 0600', async () => {
    const root = userData();
    await restrictUserData(root, 'linux');
    expect(mode(root)).toBe(0o700);
    expect(mode(join(root, 'Local Storage'))).toBe(0o700);
    expect(mode(join(root, 'Local Storage', 'leveldb'))).toBe(0o700);
    expect(mode(join(root, 'broker.db'))).toBe(0o600);
    expect(mode(join(root, 'broker.db-wal'))).toBe(0o600);
    expect(mode(join(root, 'Preferences'))).toBe(0o600);
    expect(mode(join(root, 'Local Storage', 'leveldb', '000003.log'))).toBe(0o600);
  });

  it('also removes execute and owner-only oddities, not just group and other bits', async () => {
    const root = userData();
    chmodSync(join(root, 'broker.db'), 0o700);
    chmodSync(join(root, 'Preferences'), 0o400);
    await restrictUserData(root, 'linux');
    expect(mode(join(root, 'broker.db'))).toBe(0o600);
    expect(mode(join(root, 'Preferences'))).toBe(0o600);
  });

  it('reports what it changed, and changes nothing the second time', async () => {
    const root = userData();
    const first = await restrictUserData(root, 'linux');
    expect(first.changed).toHaveLength(7);
    const second = await restrictUserData(root, 'linux');
    expect(second.changed).toEqual([]);
  });

  it('does not follow symbolic links out of the folder', async () => {
    const root = userData();
    const outside = join(tempDir(), 'shared.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(root, 'SingletonCookie'));
    const report = await restrictUserData(root, 'linux');
    expect(mode(outside)).toBe(0o644);
    expect(report.skippedLinks).toEqual([join(root, 'SingletonCookie')]);
  });

  it('leaves Windows alone, where the profile ACL already does this', async () => {
    const root = userData();
    const report = await restrictUserData(root, 'win32');
    expect(report.changed).toEqual([]);
    expect(mode(join(root, 'broker.db'))).toBe(0o644);
  });

  it('does nothing for a folder that does not exist yet', async () => {
    const report = await restrictUserData(join(tempDir(), 'not-yet'), 'linux');
    expect(report).toEqual({ changed: [], skippedLinks: [] });
  });
});
