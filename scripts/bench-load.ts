/**
 * Builds the national load for the benchmark straight through the schema, in bulk and
 * deterministically (a fixed seed): at scale 1, 240,000 people, 20,000 staff with accounts, a year
 * of 1,000,000 requests of which 30,000 wait at the hub, their grants and emergency openings, and
 * 6.4 million hash-chained audit events that verify. Smaller scales shrink every count alike.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { GENESIS_HASH, canonicalEventText, chainHash } from '../electron/core/audit/audit-log';
import { rngFor, type Rng } from '../electron/core/seed/prng';
import { DAY, HOUR, MINUTE } from '../electron/core/clock/clock';

export const NATIONAL = { people: 240_000, owners: 6_000, practitioners: 11_500, hubStaff: 400, requests: 1_000_000, atHub: 30_000, withOwner: 5_000, auditEvents: 6_400_000 };
export type LoadCounts = typeof NATIONAL;

/** Monday 23 November 2026, 10:00 UTC: the load's "now"; the year of requests ends here. */
export const LOAD_NOW = Date.UTC(2026, 10, 23, 10, 0);
const SEED = 20261123;

export const countsAt = (scale: number): LoadCounts =>
  Object.fromEntries(Object.entries(NATIONAL).map(([k, v]) => [k, Math.max(k === 'owners' || k === 'hubStaff' ? 3 : 20, Math.round(v * scale))])) as LoadCounts;

export interface LoadFacts {
  counts: LoadCounts;
  /** User ids to act as in the benchmark. */
  hubUserId: number;
  ownerUserIds: number[];
  practitionerUserIds: number[];
  crns: string[];
}

const SCOPES = ['FRONT_SHEET', 'ROSH_SUMMARY', 'RISK_MANAGEMENT_PLAN', 'FULL_RECORD'] as const;
const PURPOSES = ['PROGRAMME_DELIVERY', 'REQUIREMENT_DELIVERY', 'UNPAID_WORK_PLACEMENT', 'APPOINTMENT_SAFETY', 'HOME_VISIT', 'RISK_REVIEW'] as const;
const URGENCIES = ['IMMEDIATE_SAFETY', 'WITHIN_2_WORKING_DAYS', 'ROUTINE'] as const;
const ROSH = ['RLRH', 'RMRH', 'RHRH', 'RVHR'] as const;
const FLAGS = ['AV2S', 'STRG', 'ADVP', 'WEAP', 'WRSM'] as const;
const AUDIT_ACTIONS = ['record.read', 'request.create', 'request.approve', 'auth.signIn', 'grant.expire', 'request.escalate'] as const;
const NAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Khan', 'Green', 'Hall', 'Wood', 'Clarke', 'Ahmed'];
const FORENAMES = ['James', 'Mohammed', 'Olivia', 'Amelia', 'Jack', 'Harry', 'Sophie', 'Daniel', 'Grace', 'Leo', 'Aisha', 'Ryan'];

const crnOf = (i: number) => `B${String(i).padStart(6, '0')}`;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(0, list.length - 1)]!;

/** Fills a freshly migrated store. Runs in a few large transactions. */
export function buildNationalLoad(db: Database, scale: number, progress: (what: string) => void = () => {}): LoadFacts {
  const c = countsAt(scale);
  const rng = rngFor(SEED, 'national-load');
  const staffUser = new Map<string, number>();
  const ownerCodes: string[] = [];
  const practitionerCodes: string[] = [];
  const hubCodes: string[] = [];
  progress('organisation and accounts');
  db.transaction(() => {
    const provider = db.prepare('INSERT INTO providers (code, name, sector) VALUES (?, ?, ?)');
    const team = db.prepare('INSERT INTO teams (code, provider_code, name, pdu, ldu) VALUES (?, ?, ?, ?, ?)');
    const staff = db.prepare('INSERT INTO staff (code, team_code, forename, surname, grade) VALUES (?, ?, ?, ?, ?)');
    const user = db.prepare('INSERT INTO users (id, username, display_name, staff_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const role = db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)');
    for (let p = 1; p <= 7; p++) provider.run(`N0${p}`, `NPS Division ${p}`, 'NPS');
    for (let p = 1; p <= 21; p++) provider.run(`C${String(p).padStart(2, '0')}`, `CRC ${p}`, 'CRC');
    team.run('N01HUB', 'N01', 'NPS Hub', 'National', 'Hub');
    const teamOf = (sector: 'N' | 'C', i: number) => {
      const prov = sector === 'N' ? `N0${(i % 7) + 1}` : `C${String((i % 21) + 1).padStart(2, '0')}`;
      return `${prov}T${String(Math.floor(i / 40) % 10).padStart(2, '0')}`;
    };
    const teams = new Set<string>();
    let userId = 0;
    const add = (code: string, teamCode: string, grade: string, roles: string[]) => {
      if (!teams.has(teamCode)) {
        teams.add(teamCode);
        if (teamCode !== 'N01HUB') team.run(teamCode, teamCode.slice(0, 3), `Team ${teamCode}`, `PDU ${teamCode.slice(0, 3)}`, `LDU ${teamCode}`);
      }
      const forename = pick(rng, FORENAMES);
      const surname = pick(rng, NAMES);
      staff.run(code, teamCode, forename, surname, grade);
      userId++;
      user.run(userId, code.toLowerCase(), `${forename} ${surname}`, code, 'bench-no-sign-in', LOAD_NOW - 400 * DAY);
      for (const r of roles) role.run(userId, r);
      staffUser.set(code, userId);
    };
    for (let i = 0; i < c.hubStaff; i++) hubCodes.push(`H${String(i).padStart(5, '0')}`);
    hubCodes.forEach((code, i) => add(code, 'N01HUB', 'HUB', i === 0 ? ['hub', 'lao-admin'] : ['hub']));
    for (let i = 0; i < c.owners; i++) ownerCodes.push(`O${String(i).padStart(5, '0')}`);
    ownerCodes.forEach((code, i) => add(code, teamOf('N', i), 'PO', ['nps-offender-manager']));
    for (let i = 0; i < c.practitioners; i++) practitionerCodes.push(`P${String(i).padStart(5, '0')}`);
    practitionerCodes.forEach((code, i) => add(code, teamOf('C', i), i % 3 === 0 ? 'PSO' : 'PO', ['crc-practitioner']));
    // A tenth of owners are on leave this week; a fifth name a deputy.
    const absence = db.prepare(`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES (?, ?, 'LEAVE', ?, ?)`);
    const deputy = db.prepare('INSERT INTO deputies (id, staff_code, deputy_staff_code, start_at, end_at) VALUES (?, ?, ?, ?, NULL)');
    ownerCodes.forEach((code, i) => {
      if (i % 10 === 3) absence.run(`abs-${code}`, code, LOAD_NOW - 2 * DAY, LOAD_NOW + 5 * DAY);
      if (i % 5 === 1) deputy.run(`dep-${code}`, code, ownerCodes[(i + 1) % ownerCodes.length]!, LOAD_NOW - 90 * DAY);
    });
  }).immediate();

  progress('people, registrations and LAO lists');
  const crns: string[] = [];
  const ownerOf: string[] = [];
  db.transaction(() => {
    const person = db.prepare(`INSERT INTO people (crn, forename, surname, dob, gender, tier, owner_staff_code, managing_sector) VALUES (?, ?, ?, ?, ?, ?, ?, 'NPS')`);
    const reg = db.prepare('INSERT INTO registrations (id, crn, type_code, level, category, start_date) VALUES (?, ?, ?, ?, ?, ?)');
    const restriction = db.prepare(`INSERT INTO lao_restrictions (id, crn, staff_code, start_at, end_at, reason, message) VALUES (?, ?, ?, ?, NULL, 'High-profile case', 'Restricted record.')`);
    const exclusion = db.prepare(`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES (?, ?, ?, ?, NULL, 'Known to the person', 'You are excluded from this record.')`);
    for (let i = 0; i < c.people; i++) {
      const crn = crnOf(i);
      const owner = ownerCodes[i % ownerCodes.length]!;
      crns.push(crn);
      ownerOf.push(owner);
      person.run(crn, pick(rng, FORENAMES), pick(rng, NAMES), `19${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, rng.chance(0.85) ? 'M' : 'F', pick(rng, ['A1', 'B2', 'C3', 'D1']), owner, );
      reg.run(`r-${crn}-rosh`, crn, pick(rng, ROSH), null, null, '2025-06-01');
      if (rng.chance(0.3)) reg.run(`r-${crn}-flag`, crn, pick(rng, FLAGS), null, null, '2025-09-01');
      if (rng.chance(0.05)) reg.run(`r-${crn}-mapp`, crn, 'MAPP', pick(rng, ['M1', 'M2', 'M3']), pick(rng, ['M1', 'M2', 'M3']), '2025-03-01');
      if (i % 100 === 7) restriction.run(`lr-${crn}`, crn, hubCodes[0]!, LOAD_NOW - 200 * DAY);
      if (i % 200 === 11) exclusion.run(`lx-${crn}`, crn, pick(rng, practitionerCodes), LOAD_NOW - 200 * DAY);
    }
  }).immediate();

  progress('a year of requests, grants and emergency openings');
  const request = db.prepare(`INSERT INTO requests (id, requester_user_id, requester_staff_code, crn, scope, purpose, justification, urgency, needed_by, duration_days,
      status, queue, owner_staff_code, hub_reason, created_at, routed_at, deadline, escalated_at, decided_at, decided_by_user_id, decision_route,
      approved_scope, approved_duration_days, narrowed, deny_reason_code, decision_reason, withdrawn_at, grant_id)
    VALUES (@id, @requester, @requesterStaff, @crn, @scope, @purpose, 'Needed for planning the next session.', @urgency, NULL, 7,
      @status, @queue, @owner, @hubReason, @createdAt, @createdAt, @deadline, @escalatedAt, @decidedAt, @decidedBy, @route,
      @approvedScope, @approvedDays, @narrowed, @denyCode, @denyText, @withdrawnAt, @grantId)`);
  const grant = db.prepare(`INSERT INTO grants (id, request_id, kind, grantee_user_id, crn, scope, start_at, end_at, granted_by_user_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const emergency = db.prepare(`INSERT INTO emergency_uses (request_id, grant_id, user_id, crn, reason_code, used_at, ends_at) VALUES (?, ?, ?, ?, 'PERSON_ATTENDING_NOW', ?, ?)`);
  const pendingFrom = c.requests - c.atHub - c.withOwner;
  let grantId = 0;
  const insertRequests = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const person = rng.int(0, crns.length - 1);
      const crn = crns[person]!;
      const owner = ownerOf[person]!;
      const requesterStaff = practitionerCodes[rng.int(0, practitionerCodes.length - 1)]!;
      const requester = staffUser.get(requesterStaff)!;
      const urgency = rng.chance(0.1) ? URGENCIES[0] : rng.chance(0.5) ? URGENCIES[1] : URGENCIES[2];
      const sla = urgency === 'IMMEDIATE_SAFETY' ? 30 * MINUTE : urgency === 'WITHIN_2_WORKING_DAYS' ? 4 * HOUR : DAY;
      // Spread over the year, oldest first; the waiting ones are the most recent.
      const createdAt = LOAD_NOW - 365 * DAY + Math.floor((i / c.requests) * 365 * DAY);
      const scope = pick(rng, SCOPES);
      const row = {
        id, requester, requesterStaff, crn, scope, purpose: pick(rng, PURPOSES), urgency, owner, createdAt,
        status: 'APPROVED', queue: null as string | null, hubReason: null as string | null, deadline: createdAt + sla, escalatedAt: null as number | null,
        decidedAt: null as number | null, decidedBy: null as number | null, route: null as string | null, approvedScope: null as string | null,
        approvedDays: null as number | null, narrowed: null as number | null, denyCode: null as string | null, denyText: null as string | null,
        withdrawnAt: null as number | null, grantId: null as number | null,
      };
      if (i >= pendingFrom + c.withOwner) {
        const missed = rng.chance(0.5);
        Object.assign(row, { status: 'PENDING_HUB', queue: 'HUB', hubReason: missed ? 'DEADLINE_MISSED' : 'OWNER_ABSENT', escalatedAt: missed ? row.deadline : null });
      } else if (i >= pendingFrom) {
        Object.assign(row, { status: 'PENDING_OWNER', queue: 'OWNER', deadline: LOAD_NOW + rng.int(-2 * HOUR, DAY) });
      } else {
        const decidedAt = createdAt + rng.int(5 * MINUTE, sla * 2);
        const route = rng.chance(0.7) ? 'OWNER' : rng.chance(0.2) ? 'DEPUTY' : 'HUB';
        const decider = route === 'HUB' ? staffUser.get(hubCodes[rng.int(0, hubCodes.length - 1)]!)! : staffUser.get(owner)!;
        const outcome = rng.next();
        if (outcome < 0.8) {
          grantId++;
          grant.run(grantId, id, 'REQUEST', requester, crn, scope, decidedAt, decidedAt + 7 * DAY, decider, decidedAt);
          Object.assign(row, { status: 'APPROVED', decidedAt, decidedBy: decider, route, approvedScope: scope, approvedDays: 7, narrowed: 0, grantId });
        } else if (outcome < 0.95) {
          Object.assign(row, { status: 'DENIED', decidedAt, decidedBy: decider, route, denyCode: 'OTHER', denyText: 'Not needed for this purpose.' });
        } else {
          Object.assign(row, { status: 'WITHDRAWN', withdrawnAt: decidedAt });
        }
      }
      request.run(row);
      if (urgency === 'IMMEDIATE_SAFETY' && rng.chance(0.1)) {
        grantId++;
        const usedAt = createdAt + 10 * MINUTE;
        grant.run(grantId, id, 'EMERGENCY', requester, crn, 'FRONT_SHEET', usedAt, usedAt + 4 * HOUR, null, usedAt);
        emergency.run(id, grantId, requester, crn, usedAt, usedAt + 4 * HOUR);
      }
    }
  });
  for (let from = 0; from < c.requests; from += 100_000) insertRequests.immediate(from, Math.min(c.requests, from + 100_000));

  progress('the audit chain');
  const audit = db.prepare('INSERT INTO audit_events (seq, at, actor, action, subject, crn, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let prev = GENESIS_HASH;
  const insertAudit = db.transaction((from: number, to: number) => {
    for (let seq = from; seq < to; seq++) {
      const at = LOAD_NOW - 365 * DAY + Math.floor((seq / c.auditEvents) * 365 * DAY);
      const action = AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length]!;
      const crn = action === 'auth.signIn' ? null : crns[(seq * 7919) % crns.length]!;
      const actor = action === 'grant.expire' ? 'system' : `p${String(seq % practitionerCodes.length).padStart(5, '0')}`;
      const subject = crn === null ? null : `person:${crn}`;
      const details = action === 'record.read' ? '{"route":"GRANT","scope":"ROSH_SUMMARY"}' : '{}';
      const hash = chainHash(prev, canonicalEventText(seq, at, actor, action, subject, crn, details));
      audit.run(seq, at, actor, action, subject, crn, details, prev, hash);
      prev = hash;
    }
  });
  for (let from = 1; from <= c.auditEvents; from += 200_000) insertAudit.immediate(from, Math.min(c.auditEvents + 1, from + 200_000));
  db.prepare('UPDATE clock_state SET latest_seen_at = ? WHERE id = 1').run(LOAD_NOW);
  progress('statistics');
  db.exec('ANALYZE');
  return {
    counts: c,
    hubUserId: staffUser.get(hubCodes[1] ?? hubCodes[0]!)!,
    ownerUserIds: ownerCodes.filter((_, i) => i % 10 !== 3).slice(0, 50).map((code) => staffUser.get(code)!),
    practitionerUserIds: practitionerCodes.slice(0, 50).map((code) => staffUser.get(code)!),
    crns,
  };
}

/** Copies a built plaintext load into a new (encrypted) store, replacing what its migrations seeded, and analyses it. */
export function copyIntoStore(db: Database, plainPath: string): void {
  db.prepare(`ATTACH DATABASE ? AS plain KEY ''`).run(plainPath);
  const tables = db.prepare(`SELECT name FROM plain.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  db.transaction(() => {
    for (const t of tables) {
      // The migrations seeded these in the new store too; the built copy replaces them.
      if (t === 'clock_state' || t === 'register_types') db.exec(`DELETE FROM main."${t}"`);
      db.exec(`INSERT INTO main."${t}" SELECT * FROM plain."${t}"`);
    }
  }).immediate();
  db.exec('DETACH plain');
  db.exec('ANALYZE');
}
