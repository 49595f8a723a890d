/**
 * Sessions live in memory in the core, one per signed-in window. The token never leaves the host:
 * the window's connection object holds its id. Idle for longer than policy allows → locked
 * (unlock with the password); older than the absolute limit → ended.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { HOUR, MINUTE, type Clock } from '../clock/clock';

/** What the host holds per window (Electron window, browser-host page). */
export interface Connection {
  id: string;
  sessionId: string | null;
}

export interface Session {
  id: string;
  userId: number;
  createdAt: number;
  lastActiveAt: number;
  locked: boolean;
  /** Past the absolute limit: kept only so the window is told "expired" rather than "not signed in". */
  expired: boolean;
}

/** However active, a session ends after a working day and a bit: sign in again tomorrow. */
export const SESSION_ABSOLUTE_LIMIT = 12 * HOUR;

export class SessionService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    /** The policy's idle lock; each call sets it from the policy it reads (setIdleLockMinutes). */
    private idleLock: number,
  ) {}

  setIdleLockMinutes(minutes: number): void {
    this.idleLock = minutes;
  }

  start(userId: number): Session {
    const now = this.clock.now();
    const session: Session = { id: randomBytes(32).toString('hex'), userId, createdAt: now, lastActiveAt: now, locked: false, expired: false };
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * A session a broker server kept in its database (started by this server before a restart, or
   * by another server): held here again with the times and lock it had, so the idle lock and the
   * absolute limit still count from the original sign-in.
   */
  resume(kept: { userId: number; createdAt: number; lastActiveAt: number; locked: boolean }): Session {
    const session: Session = { id: randomBytes(32).toString('hex'), ...kept, expired: false };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session as it stands now, after applying the idle lock and absolute expiry; null if none. */
  peek(sessionId: string | null): Session | null {
    if (sessionId === null) return null;
    const s = this.sessions.get(sessionId);
    if (!s || s.expired) return null;
    const now = this.clock.now();
    if (now - s.createdAt >= SESSION_ABSOLUTE_LIMIT) {
      s.expired = true;
      return null;
    }
    if (!s.locked && now - s.lastActiveAt >= this.idleLock * MINUTE) s.locked = true;
    return s;
  }

  /**
   * A signed-in, unlocked session for a call that needs one. Refreshes the idle timer unless the
   * call is background polling (`touch: false`), which must never keep an unattended app open.
   */
  require(sessionId: string | null, o: { touch: boolean } = { touch: true }): Session {
    if (sessionId === null) throw new AppError('NOT_SIGNED_IN');
    const s = this.peek(sessionId);
    if (!s) throw new AppError(this.sessions.get(sessionId)?.expired ? 'SESSION_EXPIRED' : 'NOT_SIGNED_IN');
    if (s.locked) throw new AppError('SESSION_LOCKED');
    if (o.touch) s.lastActiveAt = this.clock.now();
    return s;
  }

  idleExpiresAt(s: Session): number {
    return s.lastActiveAt + this.idleLock * MINUTE;
  }

  lock(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (s) s.locked = true;
  }

  unlock(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (s) {
      s.locked = false;
      s.lastActiveAt = this.clock.now();
    }
  }

  /** True while the session is held (locked or expired ones included, until ended). */
  isKnown(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  end(sessionId: string | null): void {
    if (sessionId !== null) this.sessions.delete(sessionId);
  }

  /** Ends every session of a user (account deactivated). */
  endForUser(userId: number): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id);
  }
}
