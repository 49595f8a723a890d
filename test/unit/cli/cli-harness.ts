/** Runs `rab` in-process with captured output, a given standard input and an in-memory keychain. */
import { Readable } from 'node:stream';
import type { CliContext } from '../../../electron/core/cli/cli-context';
import { runCli } from '../../../electron/core/cli/run-cli';
import { MemoryKeyStore, type KeyStore } from '../../../electron/core/store/key-store';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cliHarness(keyStore: KeyStore = new MemoryKeyStore()) {
  return {
    keyStore,
    async rab(args: string[], stdin = ''): Promise<CliRun> {
      let stdout = '';
      let stderr = '';
      const ctx: CliContext = {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        stdin: Readable.from([Buffer.from(stdin)]),
        keyStore: () => keyStore,
        now: Date.now,
      };
      const code = await runCli(args, ctx);
      return { code, stdout, stderr };
    },
  };
}
