/**
 * What a command may touch, passed in rather than reached for, so tests run commands in-process
 * with captured output, a piped password and an in-memory keychain.
 */
import type { Readable } from 'node:stream';
import type { KeyStore } from '../store/key-store';
import { SystemKeyStore } from '../store/system-key-store';

export interface TextOut {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliContext {
  stdout: TextOut;
  stderr: TextOut;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  keyStore: () => KeyStore;
  now: () => number;
}

export const EXIT_OK = 0;
/** The command ran and failed: bad input data, a store that will not open, a failed check. */
export const EXIT_FAILURE = 1;
/** The command line itself was wrong: unknown flag, bad value, missing option. */
export const EXIT_USAGE = 2;

/** A usage problem found by a command itself (not by commander's parsing). */
export class UsageError extends Error {}

/** A command that ran but did not succeed, having already said why. */
export class CommandFailed extends Error {}

export const processContext = (): CliContext => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  keyStore: () => new SystemKeyStore(),
  now: Date.now,
});
