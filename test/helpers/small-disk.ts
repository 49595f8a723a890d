/**
 * A real small filesystem for full-disk and read-only tests: a tmpfs of a given size mounted on a
 * temporary folder, which can be remounted read-only. Mounting needs root (or CAP_SYS_ADMIN), as
 * on this project's build machine; elsewhere the test fails saying so rather than being skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export interface SmallDisk {
  dir: string;
  readOnly(): void;
  writable(): void;
}

export function useSmallDisks(): (bytes: number) => SmallDisk {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) {
      // Lazily, so a test that failed with a file still open cannot leave the mount behind.
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return (bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'rab-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`These tests need a real small filesystem: mounting a tmpfs failed (run as root or with CAP_SYS_ADMIN). ${String(e)}`);
    }
    mounted.push(dir);
    const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
    return { dir, readOnly: () => remount('ro'), writable: () => remount('rw') };
  };
}
