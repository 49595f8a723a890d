/**
 * The simulated office acting through the broker's own services, exactly as the RPC handlers
 * call them: requests, decisions, withdrawals, break-glass, reviews, revocations and absences.
 * A service that refuses (the request was decided meanwhile, the owner is now away) is counted
 * and the office carries on, as people would. Reads here only choose what to do next.
 */
import type { Db } from '../store/sql';
import { scopeRank, SCOPES, type Scope } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { recordAbsence } from '../broker/absences-deputies';
import { availableDeputies, localDate, staffAvailability } from '../broker/case-facts';
import type { BrokerContext } from '../broker/context';
import { createRequests } from '../broker/create-request';
import { approveRequest, denyRequest, withdrawRequest } from '../broker/decide-request';
import { openEmergencyAccess, reviewEmergencyUse } from '../broker/emergency-access';
import { revokeGrant } from '../broker/grants';
import { findRequest, type RequestRecord } from '../broker/request-record';
import { HOUR, MINUTE, DAY } from '../clock/clock';
import type { Actor } from '../policy/actor';
import type { Rng } from '../seed/prng';
import { all, sql } from '../store/sql';
import * as b from './behaviour';
import type { EventQueue } from './event-queue';
import type { OfficeCalendar, OfficeDay } from './office-calendar';
import type { SimEvent, SimulationCounts } from './simulated-events';
import type { OwnerProfile, SimulationStaff } from './simulation-staff';

interface Allocation {
  crn: string;
  kind: 'REQUIREMENT' | 'PROGRAMME';
  start: string;
  end: string | null;
}

const DURATION_DAYS: Record<Scope, number> = { FRONT_SHEET: 14, ROSH_SUMMARY: 7, RISK_MANAGEMENT_PLAN: 7, FULL_RECORD: 7 };

export class SimulatedOffice {
  private readonly owners: Map<string, OwnerProfile>;
  private readonly habitual = new Set<number>();
  private readonly npsPeople: string[];
  private readonly allocations = new Map<string, Allocation[]>();
  /** Requests the hub has already picked up, so a shift does not pick them up twice. */
  readonly withHub = new Set<number>();

  /** The office over the store as it is: the people it may ask about and who holds each case. */
  static async open(
    ctx: BrokerContext,
    staff: SimulationStaff,
    rng: Rng,
    calendar: OfficeCalendar,
    queue: EventQueue<SimEvent>,
    counts: SimulationCounts,
    spare: ReadonlySet<string>,
  ): Promise<SimulatedOffice> {
    const db = ctx.db;
    const rows = await all<Allocation & { staff_code: string }>(
      db,
      sql`SELECT a.staff_code, a.crn, a.kind, a.start_date AS start, a.end_date AS end FROM allocations a JOIN people p ON p.crn = a.crn
          WHERE p.managing_sector = 'NPS' ORDER BY a.staff_code, a.crn`,
    );
    const people = await all<{ crn: string; owner: string }>(db, sql`SELECT crn, owner_staff_code AS owner FROM people WHERE managing_sector = 'NPS' AND owner_staff_code IS NOT NULL ORDER BY crn`);
    return new SimulatedOffice(ctx, staff, rng, calendar, queue, counts, spare, rows, people);
  }

  private constructor(
    private readonly ctx: BrokerContext,
    private readonly staff: SimulationStaff,
    private readonly rng: Rng,
    private readonly calendar: OfficeCalendar,
    private readonly queue: EventQueue<SimEvent>,
    readonly counts: SimulationCounts,
    spare: ReadonlySet<string>,
    rows: readonly (Allocation & { staff_code: string })[],
    people: readonly { crn: string; owner: string }[],
  ) {
    this.owners = new Map(staff.owners.map((o) => [o.staffCode, o]));
    for (const p of staff.practitioners) if (rng.chance(b.HABITUAL_BREAK_GLASS_SHARE)) this.habitual.add(p.userId);
    const spared = new Set(rows.filter((r) => spare.has(r.staff_code)).map((r) => r.crn));
    this.npsPeople = people.filter((p) => !spare.has(p.owner) && !spared.has(p.crn)).map((p) => p.crn);
    const askable = new Set(this.npsPeople);
    for (const r of rows) if (askable.has(r.crn)) this.allocations.set(r.staff_code, [...(this.allocations.get(r.staff_code) ?? []), r]);
  }

  get db(): Db {
    return this.ctx.db;
  }

  private get now(): number {
    return this.ctx.clock.now();
  }

  /** Runs a service; a refusal by the broker's rules is counted, anything else is a fault and stops the run. */
  private async attempt<T>(action: () => Promise<T>): Promise<T | null> {
    try {
      return await action();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.counts.refusedActions++;
      return null;
    }
  }

  // Requests

  planArrivals(day: OfficeDay, from: number, until: number): void {
    if (!day.working || this.staff.practitioners.length === 0 || this.npsPeople.length === 0) return;
    const opens = this.calendar.addWorkingMinutes(day.start, 0);
    const n = b.poisson(this.rng, b.REQUESTS_PER_NPS_PERSON_PER_DAY * this.npsPeople.length);
    for (let i = 0; i < n; i++) {
      const at = this.calendar.addWorkingMinutes(opens, Math.floor(this.rng.next() * 480));
      if (at >= from && at < until) this.queue.push({ at, kind: 'ask', requester: this.rng.pick(this.staff.practitioners) });
    }
  }

  async ask(requester: Actor): Promise<void> {
    const today = localDate(this.now, this.calendar.timeZone);
    const mine = (this.allocations.get(requester.staffCode ?? '') ?? []).filter((a) => a.start <= today && (a.end === null || a.end >= today));
    const allocation = mine.length > 0 && this.rng.chance(0.5) ? this.rng.pick(mine) : null;
    const crn = allocation?.crn ?? this.rng.pick(this.npsPeople);
    const scope = this.rng.weighted(b.SCOPE_WEIGHTS);
    const purpose = allocation ? (allocation.kind === 'PROGRAMME' ? 'PROGRAMME_DELIVERY' : this.rng.chance(0.5) ? 'REQUIREMENT_DELIVERY' : 'UNPAID_WORK_PLACEMENT') : this.rng.weighted(b.OTHER_PURPOSES);
    const urgency = this.rng.weighted(b.URGENCY_WEIGHTS);
    const neededBy =
      urgency === 'IMMEDIATE_SAFETY' ? (this.rng.chance(0.5) ? this.now + Math.round(b.between(this.rng, [45, 180])) * MINUTE : null)
      : urgency === 'WITHIN_2_WORKING_DAYS' ? this.calendar.addWorkingMinutes(this.now, Math.round(b.between(this.rng, [480, 960])))
      : this.rng.chance(0.4) ? this.now + Math.round(b.between(this.rng, [3, 10])) * DAY : null;
    const outcome = await this.attempt(async () => await createRequests(this.ctx, requester, { crns: [crn], scope, purpose, justification: b.JUSTIFICATIONS[purpose], urgency, neededBy, durationDays: DURATION_DAYS[scope] }));
    const result = outcome?.results[0];
    if (!result) return;
    if (result.outcome === 'REFUSED') {
      this.counts.refusedAtOnce++;
      this.counts.refusedAtOnceBy[result.error.code] = (this.counts.refusedAtOnceBy[result.error.code] ?? 0) + 1;
      return;
    }
    this.counts.requests++;
    const r = result.request;
    const owner = r.ownerStaffCode ? this.owners.get(r.ownerStaffCode) : undefined;
    // The owner answers what they hold: alone, or together with the hub (the first decision wins).
    if ((r.status === 'PENDING_OWNER' || r.hubReason === 'NEEDED_SOON') && owner) {
      const overloaded = owner.caseload >= b.OVERLOADED_CASELOAD;
      if (this.rng.chance(overloaded ? b.OWNER_ANSWERS.overloaded : b.OWNER_ANSWERS.normal)) {
        const minutes = b.lognormal(this.rng, b.OWNER_MEDIAN_MINUTES[urgency] * (overloaded ? b.OVERLOADED_DELAY_FACTOR : 1));
        const at = urgency === 'IMMEDIATE_SAFETY' ? this.now + Math.round(minutes * MINUTE) : this.calendar.addWorkingMinutes(this.now, Math.round(minutes));
        this.queue.push({ at, kind: 'ownerAnswers', requestId: r.id });
      }
    }
    if (this.rng.chance(b.WITHDRAW_CHANCE)) this.queue.push({ at: this.now + Math.round(b.between(this.rng, [30, 48 * 60])) * MINUTE, kind: 'withdraw', requestId: r.id, requester });
    const soon = urgency === 'IMMEDIATE_SAFETY' || (neededBy !== null && neededBy - this.now <= 4 * HOUR);
    if (soon && this.rng.chance(this.habitual.has(requester.userId) ? b.BREAK_GLASS_CHANCE.habitual : b.BREAK_GLASS_CHANCE.usual)) {
      this.queue.push({ at: this.now + Math.round(b.between(this.rng, [5, 20])) * MINUTE, kind: 'breakGlass', requestId: r.id, requester });
    }
  }

  // Decisions

  private async pending(requestId: number): Promise<RequestRecord | null> {
    const r = await findRequest(this.db, requestId);
    return r && r.queue !== null ? r : null;
  }

  /** The owner answers if in; otherwise a deputy who is in answers for them. */
  async ownerAnswers(requestId: number): Promise<void> {
    const r = await this.pending(requestId);
    if (!r || r.owner_staff_code === null) return;
    const owner = this.owners.get(r.owner_staff_code);
    let decider: Actor | undefined = owner && (await staffAvailability(this.db, owner.staffCode, this.now))?.available ? owner.actor : undefined;
    if (!decider) decider = (await availableDeputies(this.db, r.owner_staff_code, this.now)).map((d) => this.owners.get(d.staffCode)?.actor).find((a) => a !== undefined);
    if (decider) await this.decide(decider, r, false);
  }

  /** Requests with the hub, or past their deadline, not yet picked up: each gets a pickup time. */
  async pickUpHubWork(): Promise<void> {
    const waiting = await all<{ id: number; urgency: keyof typeof b.HUB_PICKUP_MINUTES }>(
      this.db,
      sql`SELECT id, urgency FROM requests WHERE queue IS NOT NULL AND (status = 'PENDING_HUB' OR deadline <= ${this.now}) ORDER BY id`,
    );
    for (const w of waiting) {
      if (this.withHub.has(w.id)) continue;
      this.withHub.add(w.id);
      this.queue.push({ at: this.now + Math.round(b.between(this.rng, b.HUB_PICKUP_MINUTES[w.urgency])) * MINUTE, kind: 'hubAnswers', requestId: w.id });
    }
  }

  async hubAnswers(requestId: number, onShift: Actor[]): Promise<void> {
    const r = await this.pending(requestId);
    if (!r) return;
    const hub = onShift.filter((a) => a.userId !== r.requester_user_id);
    if (hub.length === 0) {
      // Nobody on shift: it goes back in the queue for the next shift to pick up.
      this.withHub.delete(requestId);
      return;
    }
    if (!(await this.decide(this.rng.pick(hub), r, true)) && (await this.pending(requestId))) {
      // Restricted records need an LAO administrator in the hub, who is called in.
      const lao = this.staff.hubLao.filter((a) => a.userId !== r.requester_user_id);
      if (lao.length > 0) await this.decide(this.rng.pick(lao), r, true);
    }
  }

  private async decide(actor: Actor, r: RequestRecord, hub: boolean): Promise<boolean> {
    if (this.rng.chance(b.REFUSAL_CHANCE[r.scope] + (hub ? b.HUB_EXTRA_REFUSAL : 0))) {
      const reasonCode = this.rng.weighted(b.DENY_REASONS[r.scope]);
      const denied = await this.attempt(async () => await denyRequest(this.ctx, actor, { requestId: r.id, reasonCode, reason: b.DENY_WORDS[reasonCode] }));
      if (denied) this.counts.denied++;
      return denied !== null;
    }
    const narrower = scopeRank(r.scope) > 0 && this.rng.chance(b.NARROW_SCOPE_CHANCE) ? SCOPES[scopeRank(r.scope) - 1] : undefined;
    const shorter = this.rng.chance(b.SHORTEN_CHANCE) ? Math.max(1, Math.floor(r.duration_days / 2)) : undefined;
    const approved = await this.attempt(async () => await approveRequest(this.ctx, actor, { requestId: r.id, scope: narrower, durationDays: shorter }));
    if (!approved) return false;
    this.counts.approved++;
    if (approved.grant_id !== null && approved.approved_start_at !== null && approved.approved_duration_days !== null && this.rng.chance(b.REVOKE_CHANCE)) {
      const at = approved.approved_start_at + Math.round(b.between(this.rng, [0.1, 0.9]) * approved.approved_duration_days * DAY);
      this.queue.push({ at, kind: 'revoke', grantId: approved.grant_id, ownerStaffCode: r.owner_staff_code });
    }
    return true;
  }

  async withdraw(requestId: number, requester: Actor): Promise<void> {
    if (!(await this.pending(requestId))) return;
    if (await this.attempt(async () => await withdrawRequest(this.ctx, requester, requestId))) this.counts.withdrawn++;
  }

  // Emergency access and its review

  async breakGlass(requestId: number, requester: Actor): Promise<void> {
    if (!(await this.pending(requestId))) return;
    const reasonCode = this.rng.weighted(b.EMERGENCY_REASONS);
    const opened = await this.attempt(async () => await openEmergencyAccess(this.ctx, requester, { requestId, reasonCode, reasonText: '' }));
    if (!opened) return;
    this.counts.emergencyUses++;
    this.queue.push({ at: this.now + Math.round(b.between(this.rng, [2, 48])) * HOUR, kind: 'review', useId: opened.use.id, userId: requester.userId });
  }

  async review(useId: number, userId: number, onShift: Actor[], retryAt: number): Promise<void> {
    const reviewers = onShift.filter((a) => a.userId !== userId);
    if (reviewers.length === 0) {
      this.queue.push({ at: retryAt, kind: 'review', useId, userId });
      return;
    }
    const outcome = this.rng.weighted(b.REVIEW_OUTCOMES);
    if (await this.attempt(async () => await reviewEmergencyUse(this.ctx, this.rng.pick(reviewers), { useId, outcome, notes: b.REVIEW_NOTES[outcome] }))) this.counts.reviews++;
  }

  // Revocations and absences

  async revoke(grantId: number, ownerStaffCode: string | null, onShift: Actor[]): Promise<void> {
    const owner = ownerStaffCode ? this.owners.get(ownerStaffCode) : undefined;
    const revoker = owner && (await staffAvailability(this.db, owner.staffCode, this.now))?.available ? owner.actor : onShift[0] ?? this.staff.hub[0];
    if (!revoker) return;
    if (await this.attempt(async () => await revokeGrant(this.ctx, revoker, grantId, this.rng.pick(b.REVOKE_REASONS)))) this.counts.revoked++;
  }

  /** Leave is booked ahead by the owner; sickness is recorded on the morning by an administrator. */
  planAbsences(days: readonly OfficeDay[], from: number, until: number): void {
    for (const owner of this.staff.owners) {
      const sickness = b.SICKNESS_START_CHANCE * (owner.caseload >= b.OVERLOADED_CASELOAD ? b.OVERLOADED_SICKNESS_FACTOR : 1);
      let freeFrom = from;
      for (const day of days) {
        if (!day.working || day.start < freeFrom) continue;
        const leave = this.rng.chance(b.LEAVE_START_CHANCE);
        const sick = !leave && this.rng.chance(sickness);
        if (!leave && !sick) continue;
        const startAt = this.calendar.at(day.start, 8);
        const endAt = this.calendar.at(day.start + Math.round(leave ? b.between(this.rng, [3, 14]) : b.between(this.rng, [0, 9])) * DAY + 2 * HOUR, 18);
        // Absences end inside the simulated time, so the office as it is now stays as imported.
        if (startAt < from || endAt > until) continue;
        freeFrom = endAt;
        const recordedAt = leave ? Math.max(from, startAt - Math.round(b.between(this.rng, [3, 20])) * DAY) : startAt + Math.round(b.between(this.rng, [30, 90])) * MINUTE;
        this.queue.push({ at: recordedAt, kind: 'absence', owner, absence: leave ? 'LEAVE' : 'SICKNESS', startAt, endAt, recordedBy: leave ? owner.actor : this.staff.admin ?? owner.actor });
      }
    }
  }

  async recordAbsence(e: Extract<SimEvent, { kind: 'absence' }>): Promise<void> {
    const recorded = await this.attempt(async () => await recordAbsence(this.ctx, e.recordedBy, { staffCode: e.owner.staffCode, kind: e.absence, startAt: e.startAt, endAt: e.endAt }));
    if (recorded) this.counts.absences++;
  }
}
