/**
 * First run of the desktop app. Before any store exists the main process serves only these
 * channels: the window asks whether the app is set up, then either connects this computer to the
 * organisation's broker (`rab serve`), or keeps a store on this computer and creates its first
 * administrator or loads synthetic demonstration data. They are part of CONTRACT, so they are validated, typed
 * and fuzzed like every other channel; once a store exists the core answers them too (READY, and
 * SETUP_ALREADY_DONE to any attempt to set up again).
 */
import { z } from 'zod';
import { channel } from './define';
import { empty, role, text } from './common';

export const demoAccount = z.object({
  username: z.string(),
  /** Shown on the sign-in screen in demo mode only: the data behind it is synthetic. */
  password: z.string(),
  displayName: z.string(),
  role,
  /** What this account is for, e.g. "CRC probation officer with cases in programme groups". */
  description: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccount>;

export const setupStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('NOT_SET_UP') }),
  z.object({
    state: z.literal('READY'),
    /** The store holds demonstration data; the sign-in screen lists the demo accounts. */
    demo: z.boolean(),
    demoAccounts: z.array(demoAccount),
  }),
]);
export type SetupStatus = z.infer<typeof setupStatus>;

export const setupChannels = {
  'setup.status': channel({
    summary: 'Whether the app has a store yet, and in demo mode the accounts to sign in with.',
    access: 'public',
    input: empty,
    output: setupStatus,
  }),
  'setup.createAdministrator': channel({
    summary: 'Create the store and its first administrator account. Only when no store exists.',
    access: 'public',
    input: z.strictObject({
      username: z.string().trim().min(3).max(64).regex(/^[a-z][a-z0-9._-]*$/, 'must start with a letter and hold lower-case letters, digits, dot, dash and underscore'),
      displayName: text(200),
      password: z.string().min(12, 'must be at least 12 characters').max(1024),
    }),
    output: setupStatus,
    errors: ['SETUP_ALREADY_DONE', 'USERNAME_INVALID', 'PASSWORD_TOO_SHORT', 'STORE_KEYCHAIN_UNAVAILABLE'],
  }),
  'setup.connectToBroker': channel({
    summary: "Use the organisation's broker instead of a store on this computer. Only at first run.",
    access: 'public',
    input: z.strictObject({
      brokerUrl: z
        .string()
        .trim()
        .max(2048)
        .url('must be a web address such as https://broker.example.org:8443')
        .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(u), 'must start with https:// (http:// only for a broker on this computer)'),
      /** The certificate authority to trust instead of the system's, PEM; null for the system's. */
      caPem: z
        .string()
        .max(64 * 1024)
        .regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)')
        .nullable()
        .default(null),
    }),
    output: setupStatus,
    errors: ['SETUP_ALREADY_DONE', 'BROKER_UNAVAILABLE'],
  }),
  'setup.loadDemoData': channel({
    summary: 'Create the store filled with synthetic demonstration data for one office, with an account per role.',
    access: 'public',
    input: empty,
    output: setupStatus,
    errors: ['SETUP_ALREADY_DONE', 'STORE_KEYCHAIN_UNAVAILABLE'],
  }),
} as const;

export type SetupContract = typeof setupChannels;
