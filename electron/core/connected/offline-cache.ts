/**
 * A connected desktop's offline copy, per person, in its own encrypted file (open-offline-cache.ts).
 * It keeps only what the broker answered that person online: records held through a grant (read,
 * or copied for offline reading as soon as the grant is known; the sections in their order), their
 * grants, requests and queues (read-only copies), and the policy's offline window. Each record has
 * an offline limit, the earlier of its grant's end and the last contact with the broker plus the
 * window; past it the record is deleted from the file, whether or not a call comes (the sweep runs
 * when the desktop opens the copy and then on a timer), as it is at sign-out, on deactivation, when
 * the broker says access ended, and when this desktop's clock goes back. An offline read and its
 * entry in the local hash chain are one transaction: no audit, no read.
 */
import { randomUUID } from 'node:crypto';
import type { GrantRow, RecordView } from '../../../shared/contract';
import type { SessionStatus } from '../../../shared/contract/auth';
import { OFFLINE_SECTIONS, type OfflineRead } from '../../../shared/contract/offline';
import type { EmbeddedConnection } from '../store/embedded-connection';
import type { KeyStore } from '../store/key-store';
import { openOfflineCacheFile, type OfflineCacheFile } from '../store/open-offline-cache';
import { OfflineAuditChain } from './offline-audit-chain';
import { OfflineLists } from './offline-lists';
import { OfflineOutbox } from './offline-outbox';
import { OfflineSignIns, type OfflineSignInOutcome } from './offline-sign-in';

const HOUR = 3_600_000;
/** A clock that goes back by more than this deletes every cached section (as the broker's guard pauses reads). */
export const CLOCK_ROLLBACK_TOLERANCE_MS = 5 * 60_000;

/** The offline limit of a cached row, in SQL: the earlier of its end and the last contact plus the window. */
const LIMIT_SQL = (end: string) => `min(${end}, p.last_contact_at + coalesce(p.window_hours, 0) * ${HOUR})`;

export interface CachedPerson {
  username: string;
  userId: number;
  sessionStatus: Extract<SessionStatus, { state: 'SIGNED_IN' }>;
  lastContactAt: number;
  windowHours: number | null;
  chainId: string;
}

export interface OfflineRecheck {
  crn: string;
  scope: string | null;
  grantId: number | null;
  until: number | null;
}

export class OfflineCache {
  readonly chain: OfflineAuditChain;
  readonly outbox: OfflineOutbox;
  readonly signIns: OfflineSignIns;
  private readonly lists: OfflineLists;
  private readonly db: EmbeddedConnection;

  constructor(readonly file: OfflineCacheFile) {
    this.db = file.db;
    this.chain = new OfflineAuditChain(this.db);
    this.outbox = new OfflineOutbox(this.db);
    this.signIns = new OfflineSignIns(this.db, this.chain);
    this.lists = new OfflineLists(this.db);
  }

  private sweepTimer: NodeJS.Timeout | null = null;
  /** When each record was last kept in this run (a count, by person and CRN): see mark(). */
  private readonly keptAt = new Map<string, number>();
  private keptCount = 0;
  /** Records the last applyRecheck left unjudged (kept after its check was asked): the caller checks again. */
  recheckSkipped = 0;

  close(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.file.close();
  }

  /**
   * Deletes what is past its limit now and then every `everyMs` while the desktop runs, so a section
   * leaves the file at its limit even when nobody makes a call. The timer never keeps the process up.
   */
  sweep(now: () => number, everyMs: number): void {
    const tick = () => {
      try {
        this.enforceLimits(now());
      } catch {
        // A file that cannot be written now is tried again at the next tick, and before every answer.
      }
    };
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    tick();
    this.sweepTimer = setInterval(tick, everyMs);
    this.sweepTimer.unref();
  }

  /**
   * The desktop's clock guard and the offline limits, run before anything is answered: a clock gone
   * back deletes every cached section; then whatever is past its limit is deleted.
   */
  enforceLimits(now: number): void {
    this.db.transaction(() => {
      const seen = this.db.prepare('SELECT latest_seen_at FROM clock WHERE id = 1').pluck().get() as number | undefined;
      if (seen !== undefined && now < seen - CLOCK_ROLLBACK_TOLERANCE_MS) this.deleteSections(null);
      this.db.prepare('INSERT INTO clock (id, latest_seen_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET latest_seen_at = max(latest_seen_at, excluded.latest_seen_at)').run(now);
      const past = (end: string) => `p.username IS NULL OR ${LIMIT_SQL(end)} <= ?`;
      const records = this.db.prepare(`DELETE FROM cached_records WHERE rowid IN (SELECT r.rowid FROM cached_records r LEFT JOIN people p USING (username) WHERE ${past('r.grant_end_at')})`).run(now).changes;
      const grants = this.db.prepare(`DELETE FROM cached_grants WHERE rowid IN (SELECT g.rowid FROM cached_grants g LEFT JOIN people p USING (username) WHERE ${past('g.end_at')})`).run(now).changes;
      const windowPast = `p.last_contact_at + coalesce(p.window_hours, 0) * ${HOUR} <= ?`;
      this.db.prepare(`UPDATE people AS p SET grants_answer = NULL WHERE grants_answer IS NOT NULL AND ${windowPast}`).run(now);
      // Past the window nobody signs in offline either: the password verifier goes with the sections.
      this.db.prepare(`UPDATE people AS p SET password_verifier = NULL WHERE password_verifier IS NOT NULL AND ${windowPast}`).run(now);
      this.db.prepare(`DELETE FROM cached_lists WHERE username NOT IN (SELECT username FROM people p WHERE NOT (${windowPast}))`).run(now);
      if (records + grants > 0) this.checkpointLater = true;
    })();
    this.checkpoint();
  }

  /** The person signed in (or their status) as the broker answered it: their offline copy starts or continues. */
  rememberPerson(status: Extract<SessionStatus, { state: 'SIGNED_IN' }>, now: number): CachedPerson {
    const { username, userId } = status.user;
    this.db
      .prepare(`INSERT INTO people (username, user_id, session_status, last_contact_at, chain_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET user_id = excluded.user_id, session_status = excluded.session_status, last_contact_at = max(last_contact_at, excluded.last_contact_at)`)
      .run(username, userId, JSON.stringify(status), now, randomUUID());
    return this.person(username)!;
  }

  person(username: string): CachedPerson | null {
    const row = this.db.prepare('SELECT username, user_id, session_status, last_contact_at, window_hours, chain_id FROM people WHERE username = ?').get(username) as
      | { username: string; user_id: number; session_status: string; last_contact_at: number; window_hours: number | null; chain_id: string }
      | undefined;
    if (!row) return null;
    return { username: row.username, userId: row.user_id, sessionStatus: JSON.parse(row.session_status) as CachedPerson['sessionStatus'], lastContactAt: row.last_contact_at, windowHours: row.window_hours, chainId: row.chain_id };
  }

  /** A successful answer from the broker for this person: the offline limits count from now. */
  noteContact(username: string, now: number): void {
    this.db.prepare('UPDATE people SET last_contact_at = max(last_contact_at, ?) WHERE username = ?').run(now, username);
  }

  /**
   * What the broker says the person may read now, for each cached record (offline.check): a record
   * no longer readable through the same grant and scope is deleted; the window is the policy's.
   * `askedAt` (mark() when the check was asked): records kept after it are left for the next check.
   */
  applyRecheck(username: string, windowHours: number, records: readonly OfflineRecheck[], now: number, lockout?: object, askedAt = Number.POSITIVE_INFINITY): number {
    let deleted = 0;
    this.recheckSkipped = 0;
    this.db.transaction(() => {
      this.db.prepare('UPDATE people SET window_hours = ?, last_contact_at = max(last_contact_at, ?), lockout = coalesce(?, lockout) WHERE username = ?').run(windowHours, now, lockout ? JSON.stringify(lockout) : null, username);
      const current = new Map(records.map((r) => [r.crn, r]));
      const cached = this.db.prepare('SELECT crn, grant_id, scope FROM cached_records WHERE username = ?').all(username) as { crn: string; grant_id: number; scope: string }[];
      for (const c of cached) {
        // Kept after the check was asked (a read or a copy on its way meanwhile): the answer does not speak for it.
        if ((this.keptAt.get(`${username}\u0000${c.crn}`) ?? 0) > askedAt) {
          this.recheckSkipped++;
          continue;
        }
        const stands = current.get(c.crn);
        if (!stands || stands.grantId !== c.grant_id || stands.scope !== c.scope || stands.until === null) {
          deleted += this.db.prepare('DELETE FROM cached_records WHERE username = ? AND crn = ?').run(username, c.crn).changes;
          this.db.prepare('DELETE FROM cached_grants WHERE username = ? AND grant_id = ?').run(username, c.grant_id);
          // The copied pages of all their access would still show it as in force.
          this.lists.drop(username, 'grants.mine');
        } else {
          this.db.prepare('UPDATE cached_records SET grant_end_at = ? WHERE username = ? AND crn = ?').run(stands.until, username, c.crn);
        }
      }
      if (windowHours === 0) deleted += this.deleteSections(username);
      if (deleted > 0) this.checkpointLater = true;
    })();
    this.checkpoint();
    return deleted;
  }

  /** A record the broker answered through a grant: kept (replacing the older copy) while the window is open. */
  /**
   * A mark to take before asking the broker for the person's grants: a record kept after it is newer
   * than that list, so the list (possibly answered from before the grant) never deletes it.
   */
  mark(): number {
    return this.keptCount;
  }

  keepRecord(username: string, view: RecordView): void {
    const p = this.person(username);
    if (!p?.windowHours || view.access.route !== 'GRANT' || view.access.grantId === null || view.access.until === null || view.offline) return;
    this.keptAt.set(`${username}\u0000${view.crn}`, ++this.keptCount);
    this.db
      .prepare(`INSERT INTO cached_records (username, crn, grant_id, scope, grant_end_at, view) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (username, crn) DO UPDATE SET grant_id = excluded.grant_id, scope = excluded.scope, grant_end_at = excluded.grant_end_at, view = excluded.view`)
      .run(username, view.crn, view.access.grantId, view.access.scope, view.access.until, JSON.stringify(view));
  }

  /**
   * A page of the person's current grants as the broker listed them: the first page starts the
   * list again, later pages add to it; when the list is whole, cached records of grants no longer
   * in it are deleted.
   */
  keepGrants(username: string, answer: { rows: GrantRow[]; total: number }, page: { first: boolean; complete: boolean; askedAt: number }): void {
    const p = this.person(username);
    this.db.transaction(() => {
      if (page.complete) {
        const live = new Set(answer.rows.filter((g) => g.state === 'ACTIVE').map((g) => g.id));
        for (const r of this.db.prepare('SELECT crn, grant_id FROM cached_records WHERE username = ?').all(username) as { crn: string; grant_id: number }[]) {
          const newer = (this.keptAt.get(`${username}\u0000${r.crn}`) ?? 0) > page.askedAt;
          if (!live.has(r.grant_id) && !newer) this.db.prepare('DELETE FROM cached_records WHERE username = ? AND crn = ?').run(username, r.crn);
        }
      }
      if (page.first) this.db.prepare('DELETE FROM cached_grants WHERE username = ?').run(username);
      if (!p?.windowHours) return;
      for (const g of answer.rows.filter((row) => row.state === 'ACTIVE')) {
        this.db.prepare('INSERT OR REPLACE INTO cached_grants (username, grant_id, crn, end_at, row) VALUES (?, ?, ?, ?, ?)').run(username, g.id, g.crn, g.endAt, JSON.stringify(g));
      }
      this.db.prepare('UPDATE people SET grants_answer = ? WHERE username = ?').run(JSON.stringify(answer), username);
    })();
  }

  /** A page of one of the person's lists (their requests or access, an inbox, the hub's queue), as the broker answered it (offline-lists.ts). */
  keepList(username: string, channel: string, pageKey: string, answer: unknown, now: number): void {
    if (!this.person(username)?.windowHours) return;
    this.lists.keep(username, channel, pageKey, answer, now);
  }

  /** The broker says this grant no longer stands: its sections go now. */
  dropGrant(username: string, grantId: number): void {
    this.db.prepare('DELETE FROM cached_records WHERE username = ? AND grant_id = ?').run(username, grantId);
    this.db.prepare('DELETE FROM cached_grants WHERE username = ? AND grant_id = ?').run(username, grantId);
    this.lists.drop(username, 'grants.mine');
    this.checkpoint(true);
  }

  /** Sign-out and deactivation: the person's sections and lists go; unsent offline reads and the outbox stay for upload. */
  forgetPerson(username: string): void {
    this.db.transaction(() => {
      this.deleteSections(username);
      this.db.prepare('UPDATE people SET grants_answer = NULL, session_status = ? WHERE username = ?').run(JSON.stringify({ state: 'SIGNED_OUT' }), username);
    })();
    this.checkpoint(true);
  }

  /** Signing in while the broker cannot be reached (offline-sign-in.ts), after the offline limits are applied. */
  signInOffline(username: string, password: string, now: number, purpose: 'signIn' | 'unlock' = 'signIn'): Promise<OfflineSignInOutcome> {
    this.enforceLimits(now);
    return this.signIns.check(username, password, now, purpose);
  }

  /** Whether anyone may sign in here while the broker cannot be reached. */
  offlineSignInOpen(now: number): boolean {
    this.enforceLimits(now);
    return this.signIns.anyoneMay();
  }

  /** The grant and end each cached record of the person was kept under, by CRN. */
  heldCopies(username: string): Map<string, { grantId: number; until: number }> {
    const rows = this.db.prepare('SELECT crn, grant_id, grant_end_at FROM cached_records WHERE username = ?').all(username) as { crn: string; grant_id: number; grant_end_at: number }[];
    return new Map(rows.map((r) => [r.crn, { grantId: r.grant_id, until: r.grant_end_at }]));
  }

  cachedCrns(username: string): string[] {
    return this.db.prepare('SELECT crn FROM cached_records WHERE username = ? ORDER BY crn').pluck().all(username) as string[];
  }

  /**
   * Shows a cached record offline, within its limit: the read goes into the local chain in the same
   * transaction, so a read that cannot be recorded is not shown. Null when nothing readable is held.
   */
  readOffline(username: string, crn: string, now: number): { view: RecordView; entry: OfflineRead } | null {
    this.enforceLimits(now);
    return this.db.transaction(() => {
      const row = this.db
        .prepare(`SELECT r.view, r.grant_id, ${LIMIT_SQL('r.grant_end_at')} AS limit_at, p.last_contact_at, p.chain_id FROM cached_records r JOIN people p USING (username) WHERE r.username = ? AND r.crn = ?`)
        .get(username, crn) as { view: string; grant_id: number; limit_at: number; last_contact_at: number; chain_id: string } | undefined;
      if (!row || row.limit_at <= now) return null;
      const cached = JSON.parse(row.view) as RecordView;
      const sections = OFFLINE_SECTIONS.filter((s) => cached[s] !== null);
      const entry = this.chain.append(row.chain_id, username, { at: now, crn, grantId: row.grant_id, sections: [...sections] });
      const view: RecordView = { ...cached, readAt: now, access: { ...cached.access, until: row.limit_at }, offline: { lastCheckedAt: row.last_contact_at } };
      return { view, entry };
    })();
  }

  /** A page of the person's current grants as last listed (in the broker's order, latest end first), less those past their limit; null when nothing is held. */
  grantsOffline(username: string, now: number, page: { offset: number; limit: number } = { offset: 0, limit: 500 }): { rows: GrantRow[]; total: number; allocations: [] } | null {
    this.enforceLimits(now);
    const held = this.db.prepare('SELECT grants_answer FROM people WHERE username = ?').pluck().get(username) as string | null | undefined;
    if (!held) return null;
    const total = this.db.prepare('SELECT count(*) FROM cached_grants WHERE username = ?').pluck().get(username) as number;
    const rows = (this.db.prepare('SELECT row FROM cached_grants WHERE username = ? ORDER BY end_at DESC, grant_id DESC LIMIT ? OFFSET ?').pluck().all(username, page.limit, page.offset) as string[]).map((r) => JSON.parse(r) as GrantRow);
    return { rows, total, allocations: [] };
  }

  grantOffline(username: string, grantId: number, now: number): GrantRow | null {
    this.enforceLimits(now);
    const row = this.db.prepare('SELECT row FROM cached_grants WHERE username = ? AND grant_id = ?').pluck().get(username, grantId) as string | undefined;
    return row ? (JSON.parse(row) as GrantRow) : null;
  }

  /** The page as the person last loaded it, within the window; null when they never did. */
  listOffline(username: string, channel: string, pageKey: string, now: number): unknown {
    this.enforceLimits(now);
    return this.lists.page(username, channel, pageKey);
  }

  private checkpointLater = false;

  /** Deleted rows leave the write-ahead log too, so the file itself no longer holds them. */
  private checkpoint(force = false): void {
    if (!force && !this.checkpointLater) return;
    this.checkpointLater = false;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Deletes cached sections, grants, lists and password verifiers: of one person, or of everybody (null). */
  private deleteSections(username: string | null): number {
    const where = username === null ? '' : ' WHERE username = ?';
    const args = username === null ? [] : [username];
    const n = this.db.prepare(`DELETE FROM cached_records${where}`).run(...args).changes;
    this.db.prepare(`DELETE FROM cached_grants${where}`).run(...args);
    this.db.prepare(`DELETE FROM cached_lists${where}`).run(...args);
    // The password verifier goes too: offline sign-in ends when offline reading does.
    if (username === null) this.db.prepare('UPDATE people SET grants_answer = NULL, password_verifier = NULL').run();
    else this.db.prepare('UPDATE people SET grants_answer = NULL, password_verifier = NULL WHERE username = ?').run(username);
    this.checkpointLater = true;
    return n;
  }
}

/** Opens (or creates) the desktop's offline copy in its own encrypted file, its key in `keyStore`. */
export async function openOfflineCache(path: string, keyStore: KeyStore): Promise<OfflineCache> {
  return new OfflineCache(await openOfflineCacheFile(path, keyStore));
}
