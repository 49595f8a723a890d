/** LAO exclusion and restriction lists, kept by LAO administrators; every change is audited. */
import { randomUUID } from 'node:crypto';
import type { LaoEntryRow } from '../../../shared/contract';
import type { LaoListKind } from '../../../shared/contract/vocabulary';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import type { Actor } from '../policy/actor';
import { SYSTEM } from '../policy/resources';
import { all, one, run, sql, type SqlFragment, sqlTrusted } from '../store/sql';
import { closeExcludedRequests } from './close-excluded';
import { auditActor, authorise, writeTransaction, type BrokerContext } from './context';

const TABLE: Record<LaoListKind, string> = { EXCLUSION: 'lao_exclusions', RESTRICTION: 'lao_restrictions' };

interface LaoRecord {
  kind: LaoListKind;
  id: string;
  crn: string;
  staff_code: string;
  forename: string;
  surname: string;
  start_at: number;
  end_at: number | null;
  reason: string;
  message: string;
}

const UNION = sql`SELECT 'EXCLUSION' AS kind, l.*, s.forename, s.surname FROM lao_exclusions l JOIN staff s ON s.code = l.staff_code
  UNION ALL SELECT 'RESTRICTION' AS kind, l.*, s.forename, s.surname FROM lao_restrictions l JOIN staff s ON s.code = l.staff_code`;

async function laoRows(ctx: BrokerContext, where: SqlFragment, page = { limit: 500, offset: 0 }): Promise<LaoEntryRow[]> {
  const now = ctx.clock.now();
  return (await all<LaoRecord>(ctx.db, sql`SELECT * FROM (${UNION}) AS lao ${where} ORDER BY crn, kind, start_at LIMIT ${page.limit} OFFSET ${page.offset}`)).map((l) => ({
    id: l.id,
    kind: l.kind,
    crn: l.crn,
    staffCode: l.staff_code,
    staffName: `${l.forename} ${l.surname}`,
    startAt: l.start_at,
    endAt: l.end_at,
    reason: l.reason,
    message: l.message,
    active: l.start_at <= now && (l.end_at === null || l.end_at > now),
  }));
}

export async function listLao(ctx: BrokerContext, actor: Actor, o: { crn?: string | undefined; limit: number; offset: number }) {
  authorise(actor, 'lao.view', SYSTEM, ctx.clock.now());
  const where = o.crn ? sql`WHERE crn = ${o.crn}` : sql`WHERE 1 = 1`;
  const total = (await one<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM (${UNION}) AS lao ${where}`))?.n ?? 0;
  return { rows: await laoRows(ctx, where, o), total };
}

export async function addLao(
  ctx: BrokerContext,
  actor: Actor,
  a: { kind: LaoListKind; crn: string; staffCode: string; startAt: number; endAt: number | null; reason: string; message: string },
): Promise<LaoEntryRow> {
  const now = ctx.clock.now();
  authorise(actor, 'lao.manage', SYSTEM, now);
  if (!await one(ctx.db, sql`SELECT 1 FROM people WHERE crn = ${a.crn}`)) throw new AppError('NOT_FOUND', `There is nobody with CRN ${a.crn}.`);
  if (!await one(ctx.db, sql`SELECT 1 FROM staff WHERE code = ${a.staffCode}`)) throw new AppError('NOT_FOUND', `There is no member of staff ${a.staffCode}.`);
  const id = `lao-${randomUUID()}`;
  await writeTransaction(ctx, async () => {
    await run(ctx.db, sql`INSERT INTO ${sqlTrusted(TABLE[a.kind])} (id, crn, staff_code, start_at, end_at, reason, message) VALUES (${id}, ${a.crn}, ${a.staffCode}, ${a.startAt}, ${a.endAt}, ${a.reason}, ${a.message})`);
    await appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'lao.add', subject: `lao:${id}`, crn: a.crn, details: { kind: a.kind, staffCode: a.staffCode, startAt: a.startAt, endAt: a.endAt, reason: a.reason } });
    if (a.kind === 'EXCLUSION') await closeExcludedRequests(ctx.db, auditActor(actor), now, { crn: a.crn, staffCode: a.staffCode });
  });
  return (await laoRows(ctx, sql`WHERE id = ${id}`))[0]!;
}

export async function endLao(ctx: BrokerContext, actor: Actor, kind: LaoListKind, id: string): Promise<LaoEntryRow> {
  const now = ctx.clock.now();
  authorise(actor, 'lao.manage', SYSTEM, now);
  await writeTransaction(ctx, async () => {
    const row = await one<{ crn: string; start_at: number; end_at: number | null }>(ctx.db, sql`SELECT crn, start_at, end_at FROM ${sqlTrusted(TABLE[kind])} WHERE id = ${id}`);
    if (!row) throw new AppError('NOT_FOUND', 'There is no such LAO entry.');
    if (row.end_at !== null && row.end_at <= now) return;
    await run(ctx.db, sql`UPDATE ${sqlTrusted(TABLE[kind])} SET end_at = ${Math.max(now, row.start_at)} WHERE id = ${id}`);
    await appendAuditEvent(ctx.db, { at: now, actor: auditActor(actor), action: 'lao.end', subject: `lao:${id}`, crn: row.crn, details: { kind } });
  });
  return (await laoRows(ctx, sql`WHERE id = ${id} AND kind = ${kind}`))[0]!;
}
