/** Runs `rab` in-process against a broker fixture's keychain and clock, capturing its output. */
import { Readable } from 'node:stream';
import type { CliContext } from '../../electron/core/cli/cli-context';
import { runCli } from '../../electron/core/cli/run-cli';
import type { KeyStore } from '../../electron/core/store/key-store';
import type { BrokerFixture } from './broker-fixture';

export async function fixtureRab(fx: BrokerFixture, argv: string[], keyStore: KeyStore = fx.keyStore): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    keyStore: () => keyStore,
    now: () => fx.clock.now(),
  };
  return { code: await runCli(argv, ctx), stdout, stderr };
}
