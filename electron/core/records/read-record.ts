/**
 * Reading a record: the policy decides from fresh facts, only the sections the access covers are
 * built, and the audit event is written in the same transaction. If the audit cannot be written,
 * the read fails: no audit, no read.
 *
 * A connected desktop's copy for offline reading (offline.copyRecord) is built the same way, by the
 * same `can()`, and refused the same way, but only through a grant, and audited as a copy: nobody
 * has read it yet (reading it offline is audited later, as `record.read.offline`).
 */
import type { RecordView } from '../../../shared/contract';
import { scopeRank, type Scope } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import type { AccessRoute } from '../../../shared/contract/vocabulary';
import { appendAuditEvent } from '../audit/audit-log';
import { auditActor, writeTransaction, type BrokerContext } from '../broker/context';
import { can } from '../policy/can';
import type { Actor } from '../policy/actor';
import { one, sql } from '../store/sql';
import { recordResource } from './record-access';
import { refuseRead } from './refused-read';
import { buildSections } from './record-sections';

interface PersonRow {
  forename: string;
  surname: string;
  dob: string;
  gender: 'M' | 'F' | 'X';
  pnc: string | null;
  noms: string | null;
  tier: string | null;
  owner_name: string | null;
}

/** What the view is built for: a read, or a copy for offline reading, and how each is audited. */
export interface ReadPurpose {
  action: 'record.read' | 'record.copy.offline';
  refusal: 'record.read.refuse' | 'record.copy.offline.refuse';
  /** Only access through a grant may be copied; allocation, ownership and emergency access are read online only. */
  grantOnly: boolean;
}

export const ONLINE_READ: ReadPurpose = { action: 'record.read', refusal: 'record.read.refuse', grantOnly: false };
export const OFFLINE_COPY: ReadPurpose = { action: 'record.copy.offline', refusal: 'record.copy.offline.refuse', grantOnly: true };

const NOT_A_GRANT = 'Only records you hold through a grant are copied for reading offline; this one you can read online only.';

export async function readRecord(ctx: BrokerContext, actor: Actor, crn: string, purpose: ReadPurpose = ONLINE_READ): Promise<RecordView> {
  const now = ctx.clock.now();
  // A refusal is audited and committed, then answered: so it is returned, not thrown, from the transaction.
  const outcome = await writeTransaction(ctx, async (): Promise<RecordView | AppError> => {
    const db = ctx.db;
    const person = await one<PersonRow>(
      db,
      sql`SELECT p.forename, p.surname, p.dob, p.gender, p.pnc, p.noms, p.tier,
            CASE WHEN s.code IS NULL THEN NULL ELSE s.forename || ' ' || s.surname END AS owner_name
          FROM people p LEFT JOIN staff s ON s.code = p.owner_staff_code WHERE p.crn = ${crn}`,
    );
    if (!person) throw new AppError('NOT_FOUND', `There is nobody with CRN ${crn}.`);
    const { resource, grant } = await recordResource(db, actor, crn, now);
    const verdict = can(actor, 'record.read', resource, now);
    if (!verdict.allowed) return await refuseRead(db, actor, crn, verdict.code, verdict.message, now, auditActor(actor), purpose.refusal);
    const scope = verdict.scope as Scope;
    const route = verdict.route as AccessRoute;
    if (purpose.grantOnly && (route !== 'GRANT' || !grant)) {
      await appendAuditEvent(db, { at: now, actor: auditActor(actor), action: purpose.refusal, subject: `person:${crn}`, crn, details: { code: 'NO_ACTIVE_GRANT', why: 'NOT_A_GRANT', route } });
      return new AppError('NO_ACTIVE_GRANT', NOT_A_GRANT);
    }
    const viaGrant = route === 'GRANT' || route === 'EMERGENCY';
    const sections = await buildSections(db, crn, scopeRank(scope), now);
    await appendAuditEvent(db, {
      at: now, actor: auditActor(actor), action: purpose.action, subject: `person:${crn}`, crn,
      details: { scope, route, grantId: viaGrant ? (grant?.id ?? null) : null, sections: Object.entries(sections).filter(([, v]) => v !== null).map(([k]) => k) },
    });
    return {
      crn,
      person: { name: `${person.forename} ${person.surname}`, dob: person.dob, gender: person.gender, pnc: person.pnc, noms: person.noms, tier: person.tier, ownerName: person.owner_name },
      access: { scope, route, until: viaGrant ? (grant?.end_at ?? null) : null, grantId: viaGrant ? (grant?.id ?? null) : null },
      readAt: now,
      ...sections,
      offline: null,
    };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}
