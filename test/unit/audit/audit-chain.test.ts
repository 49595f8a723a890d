import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { canonicalJson } from '../../../electron/core/audit/canonical-json';
import { auditCsv, writeAuditCsv } from '../../../electron/core/audit/export-csv';
import { verifyAuditChain, verifyStoreAuditChain, type AuditChainResult } from '../../../electron/core/audit/verify-chain';
import { all, one, run, sql, sqlTrusted } from '../../../electron/core/store/sql';
import { DEFAULT_POLICY } from '../../../shared/contract';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess, safetyWithOwnerTurn } from '../../helpers/broker-requests';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture();
const tempDir = useTempDirs();

async function addEvents(fx: BrokerFixture, n: number) {
  for (let i = 0; i < n; i++) await appendAuditEvent(fx.engine, { at: fx.clock.now() + i, actor: 'cli', action: 'test.event', subject: `thing:${i}`, details: { i } });
}

/** Someone with the key removes a guard trigger (PostgreSQL names the table a trigger is on). */
const dropTrigger = (fx: BrokerFixture, name: 'audit_events_no_update' | 'audit_events_no_delete') =>
  run(fx.engine, fx.engine.dialect === 'postgres' ? sql`DROP TRIGGER ${sqlTrusted(name)} ON audit_events` : sql`DROP TRIGGER ${sqlTrusted(name)}`);

/** The chain verified through the seam, and on the embedded store by the raw verifier too. */
async function expectVerified(fx: BrokerFixture, expected: Partial<AuditChainResult> & { ok: boolean }): Promise<void> {
  expect(await verifyAuditChain(fx.engine)).toMatchObject(expected);
  if (fx.engine.dialect === 'sqlite') expect(verifyStoreAuditChain(fx.db)).toMatchObject(expected);
}

describe('the audit log', () => {
  it('refuses UPDATE and DELETE', async () => {
    const fx = await fixture();
    await addEvents(fx, 2);
    await expect(run(fx.engine, sql`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(run(fx.engine, sql`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });

  it('chains every event to the one before with SHA-256, and verifies', async () => {
    const fx = await fixture();
    await addEvents(fx, 5);
    const rows = await all<{ seq: number; prev_hash: string; hash: string }>(fx.engine, sql`SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq`);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    await expectVerified(fx, { ok: true, checked: rows.length });
  });

  it('names the first changed event when someone with the key edits a row', async () => {
    const fx = await fixture();
    await addEvents(fx, 6);
    const target = (await one<{ seq: number }>(fx.engine, sql`SELECT seq FROM audit_events WHERE subject = 'thing:3'`))!.seq;
    await dropTrigger(fx, 'audit_events_no_update');
    await run(fx.engine, sql`UPDATE audit_events SET details = '{"i":99}' WHERE seq = ${target}`);
    await expectVerified(fx, { ok: false, firstBadSeq: target, problem: `event ${target} has been changed since it was written` });
  });

  it('names the removed event itself as the first bad one', async () => {
    const fx = await fixture();
    await addEvents(fx, 6);
    const target = (await one<{ seq: number }>(fx.engine, sql`SELECT seq FROM audit_events WHERE subject = 'thing:2'`))!.seq;
    await dropTrigger(fx, 'audit_events_no_delete');
    await run(fx.engine, sql`DELETE FROM audit_events WHERE seq = ${target}`);
    await expectVerified(fx, { ok: false, firstBadSeq: target, problem: `event ${target} is missing (the next event is ${target + 1})` });
  });

  it('hashes canonical JSON, so key order never changes a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('records sign-ins, requests, routing, decisions, grants, revocations, reads, emergency use, review, admin and policy changes', async () => {
    const fx = await fixture();
    await fx.core.dispatch('auth.signIn', fx.core.connect(), { username: 'priya', password: 'wrong' });
    const a = await grantAccess(fx, 'priya');
    await fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn });
    await fx.call('olivia', 'grants.revoke', { grantId: a.grantId!, reason: 'Done' });
    const b = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn], ...safetyWithOwnerTurn(fx) });
    const { use } = await fx.call('priya', 'emergency.open', { requestId: b.id, password: PASSWORD, reasonCode: 'THREAT_OR_INCIDENT', reasonText: '' });
    await fx.call('hana', 'emergency.review', { useId: use.id, outcome: 'JUSTIFIED', notes: 'Threat was real.' });
    fx.clock.advanceHours(1);
    await fx.core.sweep();
    await fx.call('hana', 'requests.deny', { requestId: b.id, reasonCode: 'OTHER', reason: 'Handled by emergency access.' });
    await fx.call('ada', 'admin.updatePolicy', { policy: { ...DEFAULT_POLICY, hubLeadMinutes: 60 }, confirmPassword: PASSWORD });
    await fx.call('ada', 'admin.setRoles', { userId: fx.users.alan.userId, roles: ['crc-practitioner'], confirmPassword: PASSWORD });
    const actions = new Set((await all<{ action: string }>(fx.engine, sql`SELECT DISTINCT action FROM audit_events`)).map((r) => r.action));
    for (const action of ['auth.signIn', 'auth.signIn.fail', 'request.create', 'request.route', 'request.escalate', 'request.approve', 'request.deny', 'grant.create', 'grant.revoke',
      'record.read', 'emergency.open', 'emergency.review', 'policy.update', 'admin.setRoles']) {
      expect(actions, action).toContain(action);
    }
    expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
  });
});

describe('audit export', () => {
  it('writes the events in a time range as CSV with their hashes', async () => {
    const fx = await fixture();
    await addEvents(fx, 10);
    const from = fx.clock.now() + 3;
    const to = fx.clock.now() + 7;
    const { csv, rows } = await auditCsv(fx.engine, { from, to });
    expect(rows).toBe(4);
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.subject)).toEqual(['thing:3', 'thing:4', 'thing:5', 'thing:6']);
    expect(parsed[0]).toMatchObject({ actor: 'cli', action: 'test.event', at_utc: new Date(from).toISOString(), details: '{"i":3}' });
    expect(parsed[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes a new file only readable by its owner, and never overwrites one', async () => {
    const fx = await fixture();
    await addEvents(fx, 3);
    const out = join(tempDir(), 'audit.csv');
    const total = (await one<{ n: number }>(fx.engine, sql`SELECT count(*) AS n FROM audit_events`))!.n;
    expect(await writeAuditCsv(fx.engine, out, {})).toEqual({ rows: total });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('seq,at_utc,at_ms,actor,action,subject,crn,details,prev_hash,hash');
    await expect(writeAuditCsv(fx.engine, out, {})).rejects.toThrow(/EEXIST/);
  });

  it('lists events for one person, newest first, for administrators only', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    await fx.call('olivia', 'requests.approve', { requestId: r.id });
    const list = await fx.call('ada', 'admin.auditList', { crn: PEOPLE.warrant.crn });
    expect(list.rows.map((e) => e.action)).toEqual(['grant.create', 'request.approve', 'request.route', 'request.create']);
    expect(list.total).toBe(4);
    expect((await fx.call('ada', 'admin.auditList', { actor: 'olivia', action: 'request.approve' })).total).toBe(1);
    expect(await fx.attempt('olivia', 'admin.auditList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('is offered to administrators over the API after the password, and is itself audited', async () => {
    const fx = await fixture();
    const r = await fx.call('ada', 'admin.auditExport', { confirmPassword: PASSWORD });
    expect(r.filename).toBe('audit-2026-03-02.csv');
    expect(r.rows).toBeGreaterThan(0);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'audit.export'`)).toEqual({ n: 1 });
    expect(await fx.call('ada', 'admin.auditVerify', {})).toMatchObject({ ok: true, firstBadSeq: null });
  });
});
