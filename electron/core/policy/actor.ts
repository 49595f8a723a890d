/** Who is acting, as the policy sees them: loaded fresh from the store for every call. */
import type { Role } from '../../../shared/domain/access';

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  staffCode: string | null;
  active: boolean;
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
