/** `rab serve` as a real process for tests: started, its address once it listens, and its exit. */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.url, not __dirname: the benchmark (scripts/bench-serve.ts) loads this as an ES module.
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/rab.mjs');

export interface RabServeProcess {
  /** http:// or https:// address it listens on. */
  address: string;
  pid: number;
  /** Settles with the exit code. */
  exited: Promise<number | null>;
  /** Everything it printed so far (standard output and error). */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `rab serve <args>` (with `env` added to this process's, and Node's own `nodeOptions` such as --cpu-prof) and waits for "Broker listening on …"; rejects with its output if it exits first. */
export async function startRabServe(args: readonly string[], env: NodeJS.ProcessEnv = {}, nodeOptions: readonly string[] = []): Promise<RabServeProcess> {
  const server = spawn(process.execPath, [...nodeOptions, BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  server.stdout.on('data', (c: Buffer) => (output += c));
  server.stderr.on('data', (c: Buffer) => (output += c));
  const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
  const address = await new Promise<string>((found, failed) => {
    server.stdout.on('data', () => {
      const m = /Broker listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) found(m[1]!);
    });
    void exited.then(() => failed(new Error(`rab serve exited early:\n${output}`)));
  });
  return { address, pid: server.pid!, exited, output: () => output, kill: (signal) => void server.kill(signal) };
}
