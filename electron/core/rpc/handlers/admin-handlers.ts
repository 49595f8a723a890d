/**
 * admin.* channels. The role is checked first (so a non-administrator never spends a password
 * attempt), then the password is confirmed, then the change is made and audited.
 */
import { AppError } from '../../../../shared/errors';
import { auditCsv } from '../../audit/export-csv';
import { appendAuditEvent } from '../../audit/audit-log';
import { auditNames } from '../../audit/audit-names';
import { listAuditEvents } from '../../audit/audit-query';
import { verifyAuditChain } from '../../audit/verify-chain';
import { accountRow, listAccounts, resetAccountPassword, setAccountActive, setAccountRoles } from '../../auth/accounts';
import { addLao, endLao, listLao } from '../../broker/lao-lists';
import { rerouteAfterDeactivation } from '../../broker/sweep';
import { transferCase } from '../../broker/transfer-case';
import { listBackups } from '../../backup/daily-backups';
import { auditActor, authorise, policyOf } from '../../broker/context';
import { acknowledgeClock, readClockState } from '../../clock/clock-guard';
import { SYSTEM } from '../../policy/resources';
import { readPolicy, savePolicy } from '../../settings/policy-store';
import { createUser } from '../../users/create-user';
import { actorOf, confirmPassword, type Call, type HandlersOf } from '../call';

type AdminAction = 'admin.users' | 'admin.policy' | 'admin.import' | 'admin.transfer' | 'admin.audit' | 'admin.clock' | 'lao.view' | 'lao.manage';

const allowed = (call: Call, action: AdminAction) => {
  const actor = actorOf(call);
  authorise(actor, action, SYSTEM, call.services.ctx.clock.now());
  return actor;
};

async function sudo(call: Call, action: AdminAction, password: string) {
  const actor = allowed(call, action);
  await confirmPassword(call, password);
  return actor;
}

const clockStatusOf = async (call: Call) => {
  const { ctx } = call.services;
  const s = await readClockState(ctx.db);
  return { now: ctx.clock.now(), latestSeenAt: s.latestSeenAt, rollback: s.rollback };
};

export const adminHandlers: HandlersOf<'admin.'> = {
  'admin.listUsers': async (call, input) => {
    allowed(call, 'admin.users');
    return await listAccounts(call.services.ctx.db, input);
  },
  'admin.createUser': async (call, input) => {
    const actor = await sudo(call, 'admin.users', input.confirmPassword);
    const { ctx } = call.services;
    // The same rules as `rab users add`: username shape, roles that fit the staff member, one account each.
    const { username, displayName, staffCode, roles, password } = input;
    const created = await createUser(ctx.db, { username, displayName, staffCode, roles, password }, { actor: actor.username, now: () => ctx.clock.now() });
    return await accountRow(ctx.db, created.id);
  },
  'admin.setRoles': async (call, input) => {
    const actor = await sudo(call, 'admin.users', input.confirmPassword);
    return await setAccountRoles(call.services.ctx.db, actor.username, call.services.ctx.clock.now(), input.userId, input.roles);
  },
  'admin.setActive': async (call, input) => {
    const actor = await sudo(call, 'admin.users', input.confirmPassword);
    const row = await setAccountActive(call.services.ctx.db, actor.username, call.services.ctx.clock.now(), input.userId, input.active);
    if (!input.active) {
      call.services.sessions.endForUser(input.userId);
      await rerouteAfterDeactivation(call.services.ctx, row.staffCode, actor.username);
    }
    return row;
  },
  'admin.resetPassword': async (call, input) => {
    const actor = await sudo(call, 'admin.users', input.confirmPassword);
    const { ctx } = call.services;
    return resetAccountPassword(ctx.db, actor.username, () => ctx.clock.now(), input.userId, input.newPassword);
  },
  'admin.getPolicy': async (call) => {
    allowed(call, 'admin.policy');
    return await readPolicy(call.services.ctx.db);
  },
  'admin.updatePolicy': async (call, input) => {
    const actor = await sudo(call, 'admin.policy', input.confirmPassword);
    return await savePolicy(call.services.ctx.db, input.policy, { userId: actor.userId, actor: actor.username }, call.services.ctx.clock.now());
  },
  'admin.runImport': async (call, input) => {
    // Nobody is asked for a password for an import this window cannot run.
    allowed(call, 'admin.import');
    if (!call.services.importer) throw new AppError('IMPORT_UNAVAILABLE');
    const actor = await sudo(call, 'admin.import', input.confirmPassword);
    const { importer, importProgress } = call.services;
    if (!importer) throw new AppError('IMPORT_UNAVAILABLE');
    if (importProgress.running) throw new AppError('IMPORT_BUSY');
    Object.assign(importProgress, { running: true, file: null, rowsDone: 0, rowsTotal: 0 });
    let finished!: () => void;
    call.services.importFinished = new Promise<void>((resolve) => (finished = resolve));
    try {
      return await importer(input.directory, { userId: actor.userId, username: actor.username }, (p) => Object.assign(importProgress, p));
    } finally {
      importProgress.running = false;
      finished();
    }
  },
  'admin.importProgress': (call) => {
    allowed(call, 'admin.import');
    return { ...call.services.importProgress };
  },
  'admin.transferCase': async (call, input) => {
    const actor = await sudo(call, 'admin.transfer', input.confirmPassword);
    return await transferCase(call.services.ctx, actor, input.crn, input.newOwnerStaffCode);
  },
  'admin.listLao': async (call, input) => await listLao(call.services.ctx, actorOf(call), input),
  'admin.addLao': async (call, input) => {
    const actor = await sudo(call, 'lao.manage', input.confirmPassword);
    return await addLao(call.services.ctx, actor, input);
  },
  'admin.endLao': async (call, input) => {
    const actor = await sudo(call, 'lao.manage', input.confirmPassword);
    return await endLao(call.services.ctx, actor, input.kind, input.id);
  },
  'admin.auditList': async (call, input) => {
    allowed(call, 'admin.audit');
    const page = await listAuditEvents(call.services.ctx.db, input);
    return { ...page, names: await auditNames(call.services.ctx.db, page.rows) };
  },
  'admin.auditVerify': async (call) => {
    const actor = allowed(call, 'admin.audit');
    const { ctx } = call.services;
    const result = await verifyAuditChain(ctx.db);
    await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: auditActor(actor), action: 'audit.verify', details: { ...result } });
    return result.ok ? { ok: true, checked: result.checked, firstBadSeq: null, problem: null } : result;
  },
  'admin.auditExport': async (call, input) => {
    const actor = await sudo(call, 'admin.audit', input.confirmPassword);
    const { ctx } = call.services;
    const { csv, rows } = await auditCsv(ctx.db, input);
    await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: auditActor(actor), action: 'audit.export', details: { from: input.from ?? null, to: input.to ?? null, rows } });
    const stamp = new Date(ctx.clock.now()).toISOString().slice(0, 10);
    return { filename: `audit-${stamp}.csv`, csv, rows };
  },
  'admin.backups': async (call) => {
    allowed(call, 'admin.audit');
    const { backupDir, ctx } = call.services;
    return { directory: backupDir, keepDays: (await policyOf(ctx)).backupRetentionDays, backups: backupDir ? listBackups(backupDir) : [] };
  },
  'admin.clockStatus': async (call) => {
    allowed(call, 'admin.clock');
    return await clockStatusOf(call);
  },
  'admin.acknowledgeClock': async (call, input) => {
    const actor = await sudo(call, 'admin.clock', input.confirmPassword);
    const { ctx } = call.services;
    const before = await readClockState(ctx.db);
    await ctx.db.write(async () => {
      await acknowledgeClock(ctx.db, ctx.clock.now());
      await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: auditActor(actor), action: 'clock.acknowledge', details: { rollback: before.rollback, latestSeenAt: before.latestSeenAt } });
    });
    return await clockStatusOf(call);
  },
};
