/** What can happen in a simulated history, each at an instant. */
import type { Actor } from '../policy/actor';
import type { OwnerProfile } from './simulation-staff';

export type SimEvent =
  | { at: number; kind: 'ask'; requester: Actor }
  | { at: number; kind: 'ownerAnswers'; requestId: number }
  | { at: number; kind: 'hubAnswers'; requestId: number }
  | { at: number; kind: 'withdraw'; requestId: number; requester: Actor }
  | { at: number; kind: 'breakGlass'; requestId: number; requester: Actor }
  | { at: number; kind: 'review'; useId: number; userId: number }
  | { at: number; kind: 'revoke'; grantId: number; ownerStaffCode: string | null }
  | { at: number; kind: 'absence'; owner: OwnerProfile; absence: 'LEAVE' | 'SICKNESS'; startAt: number; endAt: number; recordedBy: Actor };

export interface SimulationCounts {
  requests: number;
  refusedAtOnce: number;
  /** Requests refused on asking, by error code (duplicate, excluded, too long). */
  refusedAtOnceBy: Record<string, number>;
  approved: number;
  denied: number;
  withdrawn: number;
  emergencyUses: number;
  reviews: number;
  revoked: number;
  absences: number;
  sweeps: number;
  /** Actions the broker refused (already decided, not allowed any more): people tried, the rules held. */
  refusedActions: number;
}

export const noCounts = (): SimulationCounts => ({
  requests: 0, refusedAtOnce: 0, refusedAtOnceBy: {}, approved: 0, denied: 0, withdrawn: 0, emergencyUses: 0, reviews: 0, revoked: 0, absences: 0, sweeps: 0, refusedActions: 0,
});
