/** Signing in and out, the idle lock and the session's own account. */
import { z } from 'zod';
import { channel } from './define';
import { done, empty, instant, password, sessionUser } from './common';

const username = z.string().trim().min(1, 'is required').max(100);

export const sessionStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('SIGNED_OUT') }),
  z.object({ state: z.literal('LOCKED'), user: sessionUser }),
  z.object({
    state: z.literal('SIGNED_IN'),
    user: sessionUser,
    idleExpiresAt: instant,
    /** Policy: the window locks after this long without keyboard or pointer use. */
    idleLockMinutes: z.number().int().min(1),
    /** The core's clock now, so the screen can count down to the idle lock whatever the local clock says. */
    now: instant,
    /** Grant-dependent reads are paused because the clock went back; an administrator must acknowledge. */
    readsPaused: z.boolean(),
    /** Signed in on a connected desktop while its broker could not be reached: only the offline copy can be read. */
    signedInOffline: z.boolean().optional(),
  }),
]);
export type SessionStatus = z.infer<typeof sessionStatus>;

export const authChannels = {
  'auth.status': channel({
    summary: 'Whether this window is signed in, locked or signed out, and as whom.',
    access: 'public',
    input: empty,
    output: sessionStatus,
  }),
  'auth.signIn': channel({
    summary: 'Sign in with a local account. Repeated failures lock the account with growing waits.',
    access: 'public',
    input: z.strictObject({ username, password }),
    output: sessionStatus,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_INACTIVE'],
  }),
  'auth.signOut': channel({
    summary: 'End the session for this window.',
    access: 'public',
    input: empty,
    output: sessionStatus,
  }),
  'auth.lock': channel({
    summary: 'Lock the app now (as the idle timer does); unlocking needs the password.',
    access: 'session',
    input: empty,
    output: sessionStatus,
  }),
  'auth.unlock': channel({
    summary: 'Unlock a locked session with the password of the signed-in user.',
    access: 'public',
    input: z.strictObject({ password }),
    output: sessionStatus,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_INACTIVE'],
  }),
  'auth.changePassword': channel({
    summary: 'Change your own password; needs the current one.',
    access: 'session',
    input: z.strictObject({ currentPassword: password, newPassword: z.string().min(12, 'must be at least 12 characters').max(1024) }),
    output: done,
    errors: ['BAD_CREDENTIALS', 'ACCOUNT_LOCKED', 'PASSWORD_TOO_SHORT', 'PASSWORD_INVALID'],
  }),
} as const;
