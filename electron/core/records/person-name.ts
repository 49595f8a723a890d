/**
 * Whether a viewer may see who a person is (name, date of birth, owner): not when excluded, and for
 * a restricted (LAO) person only from the allow list, the owner, an LAO administrator or a grant.
 * Search rows, person pages and the broker's own refusals follow this one rule.
 */
import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { PersonResource } from '../policy/resources';
import { personResource } from '../broker/request-facts';
import { one, sql, type Db } from '../store/sql';
import { recordResource } from './record-access';

export type ReadRoute = string | null;

export function personIsHidden(facts: PersonResource, actor: Actor, route: ReadRoute): boolean {
  return facts.excluded || (facts.restricted && !facts.onAllowList && facts.relationship !== 'OWNER' && !actor.roles.includes('lao-admin') && route !== 'GRANT');
}

/** The person's name as this viewer may read it, or null where it is hidden from them. */
export async function visibleName(db: Db, actor: Actor, crn: string, now: number): Promise<string | null> {
  const { resource } = await recordResource(db, actor, crn, now);
  const read = can(actor, 'record.read', resource, now);
  if (personIsHidden(await personResource(db, actor, crn, now), actor, read.allowed ? (read.route ?? null) : null)) return null;
  const p = await one<{ forename: string; surname: string }>(db, sql`SELECT forename, surname FROM people WHERE crn = ${crn}`);
  return p ? `${p.forename} ${p.surname}` : null;
}
