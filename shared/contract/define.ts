/**
 * How a channel of the API contract is defined. Every channel has one zod schema for its input and
 * one for its output; the main process, the preload bridge, the browser host and the renderer all
 * derive their types from the same definition.
 */
import type { z } from 'zod';
import type { AppErrorShape, ErrorCode } from '../errors';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * 'public' channels work without a signed-in session (sign-in itself, status); 'session' channels
   * need a signed-in, unlocked session; 'dev' channels are served only by a development host.
   */
  access: 'public' | 'session' | 'dev';
  summary: string;
  /** Error codes this channel answers with besides the ones every channel may give (COMMON_ERRORS). */
  errors?: readonly ErrorCode[];
}

/**
 * Codes any channel may answer with: bad input, session problems (including an account made
 * inactive mid-session), authorisation, a damaged stored password hash, the store's own failures,
 * failure.
 */
export const COMMON_ERRORS: readonly ErrorCode[] = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
  'SESSION_LOCKED',
  'ACCOUNT_INACTIVE',
  'FORBIDDEN',
  'PASSWORD_HASH_INVALID',
  'INTERNAL',
  // The store itself: damaged (refused from then on), a full disk, a read-only folder, a broker's
  // database out of reach for now.
  'STORE_DAMAGED',
  'STORE_FULL',
  'STORE_READ_ONLY',
  'STORE_UNAVAILABLE',
];

export const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> => def;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export type InputOf<C> = C extends ChannelDef<infer I, z.ZodType> ? z.input<I> : never;
export type OutputOf<C> = C extends ChannelDef<z.ZodType, infer O> ? z.output<O> : never;
