/** Loads a user as the policy's Actor, and as the SessionUser the screens show. */
import type { Db } from '../store/sql';
import type { SessionUser } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/access';
import type { Sector } from '../../../shared/domain/organisation';
import { AppError } from '../../../shared/errors';
import { all, one, sql } from '../store/sql';
import type { Actor } from '../policy/actor';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  staff_code: string | null;
  active: number;
}

/** A user with their roles, a row per role (one row with a null role when they have none). */
export const actorRows = (userId: number | null) =>
  sql`SELECT u.id, u.username, u.display_name, u.staff_code, u.active, r.role
      FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = ${userId}`;

export type ActorRow = UserRow & { role: Role | null };

/** The actor from its rows (actorRows); undefined when there are none (no such user). */
export function actorFrom(rows: readonly ActorRow[]): Actor | undefined {
  const u = rows[0];
  if (!u) return undefined;
  const roles = rows.flatMap((r) => (r.role === null ? [] : [r.role])).sort();
  return { userId: u.id, username: u.username, displayName: u.display_name, roles, staffCode: u.staff_code, active: u.active === 1 };
}

/** One statement (a row per role). A call through dispatch has its actor read with the clock instead (call-start.ts). */
export async function loadActor(db: Db, userId: number): Promise<Actor> {
  const actor = actorFrom(await all<ActorRow>(db, sql`${actorRows(userId)} ORDER BY r.role`));
  if (!actor) throw new AppError('NOT_SIGNED_IN');
  return actor;
}

export async function sessionUser(db: Db, actor: Actor): Promise<SessionUser> {
  const org = actor.staffCode
    ? await one<{ sector: Sector; provider_name: string; team_name: string }>(
        db,
        sql`SELECT p.sector, p.name AS provider_name, t.name AS team_name
            FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ${actor.staffCode}`,
      )
    : undefined;
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...actor.roles],
    staffCode: actor.staffCode,
    sector: org?.sector ?? null,
    providerName: org?.provider_name ?? null,
    teamName: org?.team_name ?? null,
  };
}
