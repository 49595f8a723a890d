/** The signed-in session, shared by every screen: who is signed in and how to change that. */
import { createContext, useContext } from 'react';
import type { SessionStatus } from '../../../shared/contract/auth';
import type { SessionUser } from '../../../shared/contract/common';
import type { Role } from '../../../shared/domain/access';

export type SignedIn = Extract<SessionStatus, { state: 'SIGNED_IN' }>;

export interface SessionApi {
  status: SignedIn;
  user: SessionUser;
  /** The desktop store holds synthetic demonstration data. */
  demo: boolean;
  setStatus: (status: SessionStatus) => void;
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside a signed-in session.');
  return session;
}

export const hasRole = (user: SessionUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));

export const ROLE_LABELS: Record<Role, string> = {
  'crc-practitioner': 'CRC practitioner',
  'nps-offender-manager': 'NPS offender manager',
  hub: 'NPS hub',
  admin: 'Administrator',
  'lao-admin': 'LAO administrator',
};
