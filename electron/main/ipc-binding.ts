/**
 * Binds every channel of a contract to `ipcMain.handle` through one helper, so no channel can skip
 * the checks: the sender must be our window's main frame on our own origin, the call must carry
 * exactly one argument, and only then does the core's dispatcher see it (which validates the input
 * with the channel's zod schema and authorises it). Nothing here throws back into the renderer:
 * every answer is a Result.
 */
import type { Result } from '../../shared/contract/define';
import { AppError, type ErrorCode } from '../../shared/errors';
import { ipcChannelName } from '../preload/ipc-channel-name';
import type { Connection } from './connections';

export type Dispatch = (channel: string, conn: Connection, rawInput: unknown) => Promise<Result<unknown>>;

/** The part of Electron's ipcMain this needs. */
export interface IpcHandlerRegistry<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ContractBinding<E> {
  ipc: IpcHandlerRegistry<E>;
  /** The contract's channel names (`Object.keys(CONTRACT)`). */
  channels: readonly string[];
  dispatch: Dispatch;
  isTrustedSender: (event: E) => boolean;
  /** The connection of the sending window; called only for trusted senders. */
  connectionOf: (event: E) => Connection | undefined;
  /** Told about refused calls (never about their payloads). */
  onRefused?: (channel: string, code: ErrorCode) => void;
}

const refusal = (code: ErrorCode, message?: string): Result<never> => ({
  ok: false,
  error: new AppError(code, message).toShape(),
});

/** Registers one handler per channel; returns a function that removes them all. */
export function bindContractToIpc<E>(binding: ContractBinding<E>): () => void {
  const names = binding.channels.map((channel) => ({ channel, ipcName: ipcChannelName(channel) }));
  for (const { channel, ipcName } of names) {
    binding.ipc.handle(ipcName, async (event, ...args) => {
      const refuse = (code: ErrorCode, message?: string): Result<never> => {
        binding.onRefused?.(channel, code);
        return refusal(code, message);
      };
      if (!binding.isTrustedSender(event)) return refuse('UNTRUSTED_SENDER');
      const connection = binding.connectionOf(event);
      if (!connection) return refuse('UNTRUSTED_SENDER');
      if (args.length !== 1) {
        return refuse('INVALID_INPUT', `"${channel}" takes exactly one argument; it was called with ${args.length}.`);
      }
      try {
        return await binding.dispatch(channel, connection, args[0]);
      } catch {
        // The dispatcher answers with values; a throw is a bug, and its details stay in main.
        return refuse('INTERNAL');
      }
    });
  }
  return () => {
    for (const { ipcName } of names) binding.ipc.removeHandler(ipcName);
  };
}
