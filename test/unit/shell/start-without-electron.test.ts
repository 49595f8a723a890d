/**
 * `npm start` on a machine where Electron's program was never downloaded (as here): one sentence
 * says why, and the browser host starts instead and prints the address to open.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const electronInstalled = (): boolean => {
  try {
    return existsSync(createRequire(import.meta.url)('electron') as string);
  } catch {
    return false;
  }
};

describe('npm start without Electron', () => {
  it.runIf(!electronInstalled())('says why in one sentence and starts the browser host, printing its address', async () => {
    const child = spawn('bash', ['scripts/start.sh', '--no-build', '--history', '0', '--frozen'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const match = /Open (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start.sh ended (${code}) before printing an address: ${stderr}`)));
      });
      const reason = stderr.split('\n').filter((l) => l.startsWith('Electron'));
      expect(reason).toEqual(["Electron's program is not installed on this computer (its download was blocked or skipped), so the app starts in your browser instead."]);
      expect(stderr).not.toMatch(/Electron uninstall|failed to install correctly/i);
      const page = await fetch(address);
      expect(page.status).toBeLessThan(500);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  }, 240_000);
});
