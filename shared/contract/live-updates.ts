/**
 * What the broker pushes to a signed-in desktop: which of its person's views changed, so the
 * renderer refreshes those and nothing else. Only names and ids travel, never record contents.
 */
import type { NotificationKind } from './vocabulary';

export const LIVE_VIEWS = ['notifications', 'inbox', 'hubQueue', 'myRequests', 'myAccess', 'record', 'emergencyReviews'] as const;
export type LiveView = (typeof LIVE_VIEWS)[number];

export interface LiveUpdate {
  views: LiveView[];
  requestIds: number[];
  grantIds: number[];
  crns: string[];
}

/** The views a notification of each kind tells its reader to refresh; a kind not listed refreshes them all. */
export const VIEWS_FOR_KIND: Partial<Record<NotificationKind, readonly LiveView[]>> = {
  REQUEST_NEW: ['inbox', 'hubQueue'],
  REQUEST_ESCALATED: ['inbox', 'hubQueue'],
  REQUEST_REROUTED: ['inbox', 'hubQueue', 'myRequests'],
  REQUEST_APPROVED: ['myRequests', 'myAccess'],
  REQUEST_DENIED: ['myRequests'],
  REQUEST_WITHDRAWN: ['inbox', 'hubQueue'],
  GRANT_EXPIRING_24H: ['myAccess'],
  GRANT_EXPIRING_1H: ['myAccess'],
  // An open record closes on it, without waiting for the window's own timer or a poll.
  GRANT_ENDED: ['myAccess', 'record'],
  GRANT_REVOKED: ['myAccess', 'record', 'myRequests'],
  EMERGENCY_USED: ['inbox', 'hubQueue', 'emergencyReviews'],
};

export function viewsForKind(kind: string): readonly LiveView[] {
  return (VIEWS_FOR_KIND as Record<string, readonly LiveView[] | undefined>)[kind] ?? LIVE_VIEWS;
}
