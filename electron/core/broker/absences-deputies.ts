/**
 * Absences and deputies: what decides whether an owner is available and who stands in. Owners
 * manage their own; administrators may manage anyone's. Every change is audited.
 */
import { mapInOrder } from '../../../shared/async/map-in-order';
import { randomUUID } from 'node:crypto';
import type { AbsenceRow, DeputyRow } from '../../../shared/contract';
import type { AbsenceKind } from '../../../shared/domain/organisation';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { all, one, run, sql, sqlGreatest, sqlILike, type SqlFragment } from '../store/sql';
import { staffAvailability } from './case-facts';
import { auditActor, authorise, policyOf, writeTransaction, type BrokerContext } from './context';
import { ownersAffectedBy, rerouteUnavailable } from './sweep';

async function subjectStaff(ctx: BrokerContext, actor: Actor, staffCode: string | undefined, action: 'absence.manage' | 'deputy.manage'): Promise<string> {
  const code = staffCode ?? actor.staffCode;
  if (!code) throw new AppError('FORBIDDEN', 'Your account is not linked to a staff record.');
  authorise(actor, action, { kind: 'staff', isSelf: code === actor.staffCode }, ctx.clock.now());
  if (!await one(ctx.db, sql`SELECT 1 FROM staff WHERE code = ${code}`)) throw new AppError('NOT_FOUND', `There is no member of staff ${code}.`);
  return code;
}

interface AbsenceRecord {
  id: string;
  staff_code: string;
  forename: string;
  surname: string;
  kind: AbsenceKind;
  start_at: number;
  end_at: number;
}

const absenceRows = async (ctx: BrokerContext, staffCode: string): Promise<AbsenceRow[]> =>
  (await all<AbsenceRecord>(
    ctx.db,
    sql`SELECT a.id, a.staff_code, s.forename, s.surname, a.kind, a.start_at, a.end_at FROM absences a JOIN staff s ON s.code = a.staff_code
        WHERE a.staff_code = ${staffCode} AND a.end_at > ${ctx.clock.now() - 90 * 86_400_000} ORDER BY a.start_at`,
  )).map((a) => ({ id: a.id, staffCode: a.staff_code, staffName: `${a.forename} ${a.surname}`, kind: a.kind, startAt: a.start_at, endAt: a.end_at }));

export async function listAbsences(ctx: BrokerContext, actor: Actor, staffCode?: string): Promise<AbsenceRow[]> {
  return await absenceRows(ctx, await subjectStaff(ctx, actor, staffCode, 'absence.manage'));
}

export async function recordAbsence(ctx: BrokerContext, actor: Actor, a: { staffCode?: string | undefined; kind: AbsenceKind; startAt: number; endAt: number }): Promise<AbsenceRow> {
  const code = await subjectStaff(ctx, actor, a.staffCode, 'absence.manage');
  const id = `abs-${randomUUID()}`;
  await writeTransaction(ctx, async () => {
    await run(ctx.db, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES (${id}, ${code}, ${a.kind}, ${a.startAt}, ${a.endAt})`);
    const now = ctx.clock.now();
    await appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'caseload.recordAbsence', subject: `staff:${code}`, details: { id, kind: a.kind, startAt: a.startAt, endAt: a.endAt } });
    // An absence that has started moves waiting requests now, not at the next sweep.
    if (a.startAt <= now && a.endAt > now) await rerouteUnavailable(ctx.db, await policyOf(ctx), await ownersAffectedBy(ctx.db, code, now), auditActor(actor), now);
  });
  return (await absenceRows(ctx, code)).find((r) => r.id === id)!;
}

export async function cancelAbsence(ctx: BrokerContext, actor: Actor, absenceId: string): Promise<AbsenceRow[]> {
  const row = await one<{ staff_code: string }>(ctx.db, sql`SELECT staff_code FROM absences WHERE id = ${absenceId}`);
  if (!row) throw new AppError('NOT_FOUND', 'There is no such absence.');
  const code = await subjectStaff(ctx, actor, row.staff_code, 'absence.manage');
  await writeTransaction(ctx, async () => {
    await run(ctx.db, sql`DELETE FROM absences WHERE id = ${absenceId}`);
    await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: auditActor(actor), action: 'caseload.cancelAbsence', subject: `staff:${code}`, details: { id: absenceId } });
  });
  return await absenceRows(ctx, code);
}

interface DeputyRecord {
  id: string;
  staff_code: string;
  o_forename: string;
  o_surname: string;
  deputy_staff_code: string;
  d_forename: string;
  d_surname: string;
  start_at: number;
  end_at: number | null;
}

async function deputyRows(ctx: BrokerContext, where: SqlFragment): Promise<DeputyRow[]> {
  const now = ctx.clock.now();
  return mapInOrder(await all<DeputyRecord>(ctx.db, sql`SELECT d.id, d.staff_code, o.forename AS o_forename, o.surname AS o_surname, d.deputy_staff_code, x.forename AS d_forename, x.surname AS d_surname, d.start_at, d.end_at
           FROM deputies d JOIN staff o ON o.code = d.staff_code JOIN staff x ON x.code = d.deputy_staff_code
           ${where} AND (d.end_at IS NULL OR d.end_at > ${now - 90 * 86_400_000}) ORDER BY d.start_at`), async (d) => ({
    id: d.id,
    staffCode: d.staff_code,
    staffName: `${d.o_forename} ${d.o_surname}`,
    deputyStaffCode: d.deputy_staff_code,
    deputyName: `${d.d_forename} ${d.d_surname}`,
    startAt: d.start_at,
    endAt: d.end_at,
    active: d.start_at <= now && (d.end_at === null || d.end_at > now) && (await staffAvailability(ctx.db, d.deputy_staff_code, now))?.available === true,
  }));
}

export async function listDeputies(ctx: BrokerContext, actor: Actor, staffCode?: string): Promise<{ myDeputies: DeputyRow[]; iDeputiseFor: DeputyRow[] }> {
  const code = await subjectStaff(ctx, actor, staffCode, 'deputy.manage');
  return { myDeputies: await deputyRows(ctx, sql`WHERE d.staff_code = ${code}`), iDeputiseFor: await deputyRows(ctx, sql`WHERE d.deputy_staff_code = ${code}`) };
}

export async function addDeputy(ctx: BrokerContext, actor: Actor, a: { staffCode?: string | undefined; deputyStaffCode: string; startAt: number; endAt: number | null }): Promise<DeputyRow> {
  const code = await subjectStaff(ctx, actor, a.staffCode, 'deputy.manage');
  if (a.deputyStaffCode === code) throw new AppError('FORBIDDEN', 'Nobody can be their own deputy.');
  const deputy = await one<{ sector: string }>(
    ctx.db,
    sql`SELECT p.sector FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code WHERE s.code = ${a.deputyStaffCode}`,
  );
  if (!deputy) throw new AppError('NOT_FOUND', `There is no member of staff ${a.deputyStaffCode}.`);
  if (deputy.sector !== 'NPS') throw new AppError('FORBIDDEN', 'A deputy must be an NPS colleague.');
  const id = `dep-${randomUUID()}`;
  await writeTransaction(ctx, async () => {
    await run(ctx.db, sql`INSERT INTO deputies (id, staff_code, deputy_staff_code, start_at, end_at) VALUES (${id}, ${code}, ${a.deputyStaffCode}, ${a.startAt}, ${a.endAt})`);
    await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: auditActor(actor), action: 'caseload.addDeputy', subject: `staff:${code}`, details: { id, deputyStaffCode: a.deputyStaffCode, startAt: a.startAt, endAt: a.endAt } });
  });
  return (await deputyRows(ctx, sql`WHERE d.id = ${id}`))[0]!;
}

export async function endDeputy(ctx: BrokerContext, actor: Actor, deputyId: string): Promise<DeputyRow> {
  const now = ctx.clock.now();
  const row = await one<{ staff_code: string; start_at: number }>(ctx.db, sql`SELECT staff_code, start_at FROM deputies WHERE id = ${deputyId}`);
  if (!row) throw new AppError('NOT_FOUND', 'There is no such deputy arrangement.');
  const code = await subjectStaff(ctx, actor, row.staff_code, 'deputy.manage');
  await writeTransaction(ctx, async () => {
    // An arrangement that has not started yet ends at its start (the CHECK needs end > start).
    await run(ctx.db, sql`UPDATE deputies SET end_at = ${sqlGreatest(now, sql`start_at + 1`)} WHERE id = ${deputyId} AND (end_at IS NULL OR end_at > ${now})`);
    await appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'caseload.endDeputy', subject: `staff:${code}`, details: { id: deputyId } });
  });
  return (await deputyRows(ctx, sql`WHERE d.id = ${deputyId}`))[0]!;
}

export async function findStaff(ctx: BrokerContext, actor: Actor, o: { query: string; sector?: 'NPS' | 'CRC' | undefined }) {
  authorise(actor, 'staff.search', SYSTEM, ctx.clock.now());
  const prefix = `${o.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return (await all<{ code: string; forename: string; surname: string; grade: string; team_name: string; provider_name: string; accounts: number }>(
    ctx.db,
    sql`SELECT s.code, s.forename, s.surname, s.grade, t.name AS team_name, p.name AS provider_name,
               (SELECT count(*) FROM users u WHERE u.staff_code = s.code) AS accounts
             FROM staff s JOIN teams t ON t.code = s.team_code JOIN providers p ON p.code = t.provider_code
             WHERE s.active = 1 AND (CAST(${o.sector ?? null} AS TEXT) IS NULL OR p.sector = ${o.sector ?? null}) AND (s.code ${sqlILike} ${prefix.toUpperCase()} ESCAPE '\\' OR s.surname ${sqlILike} ${prefix} ESCAPE '\\' OR s.forename ${sqlILike} ${prefix} ESCAPE '\\')
             ORDER BY s.surname, s.forename LIMIT 50`,
  )).map((s) => ({ staffCode: s.code, name: `${s.forename} ${s.surname}`, grade: s.grade, teamName: s.team_name, providerName: s.provider_name, hasAccount: s.accounts > 0 }));
}
