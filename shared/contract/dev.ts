/** Development only: move the clock and run the sweep. Served only by the development browser host. */
import { z } from 'zod';
import { channel } from './define';
import { instant } from './common';

export const sweepReport = z.object({
  at: instant,
  escalated: z.number().int(),
  rerouted: z.number().int(),
  remindersSent: z.number().int(),
  grantsExpired: z.number().int(),
});
export type SweepReport = z.infer<typeof sweepReport>;

const clockNow = z.object({ now: instant });

export const devChannels = {
  'dev.clock': channel({ summary: 'The core clock now.', access: 'dev', input: z.strictObject({}), output: clockNow }),
  'dev.setClock': channel({
    summary: 'Set the core clock to an instant.',
    access: 'dev',
    input: z.strictObject({ at: instant }),
    output: clockNow,
  }),
  'dev.advanceClock': channel({
    summary: 'Move the core clock forward (or back, with a negative number) by minutes.',
    access: 'dev',
    input: z.strictObject({ minutes: z.number().int().min(-525_600).max(525_600) }),
    output: clockNow,
  }),
  'dev.sweep': channel({ summary: 'Run the routing sweep now.', access: 'dev', input: z.strictObject({}), output: sweepReport }),
} as const;
