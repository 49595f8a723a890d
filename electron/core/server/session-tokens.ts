/**
 * Bearer tokens for signed-in desktops. A token is 32 random bytes handed to the desktop once, at
 * sign-in; the server keeps only its SHA-256, in the database (`server_sessions`, migration 0009),
 * so any server over the same database, or this one after a restart, knows the session, and a copy
 * of the database, the server's memory or its logs holds nothing a caller could present.
 *
 * The core holds sessions in memory (auth/sessions.ts); this class keeps that memory and the
 * database in step. Each call reads the token's row first: a session signed out (the row gone) or
 * locked or unlocked through another server is seen at once, and a session this server does not
 * hold yet is resumed with its original times. After the call, what changed is written back: a
 * lock or unlock at once, activity at most every ACTIVITY_WRITE_MS (the idle lock counts in
 * minutes), the end of the session by deleting the row.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SESSION_ABSOLUTE_LIMIT, type Connection, type Session, type SessionService } from '../auth/sessions';
import { one, run, sql, type Db } from '../store/sql';

export const tokenHashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Tokens are base64url of 32 bytes: anything else is refused before it is hashed or looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** Activity is written back at most this often per session: enough for an idle lock counted in minutes. */
export const ACTIVITY_WRITE_MS = 30_000;

interface Held {
  conn: Connection;
  /** The session as the database last had it. */
  written: { lastActiveAt: number; locked: boolean };
}

interface Row {
  user_id: number;
  created_at: number;
  last_active_at: number;
  locked: number;
}

export class SessionTokens {
  private readonly byHash = new Map<string, Held>();

  constructor(
    private readonly sessions: SessionService,
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** A new token for a connection that has just signed in, kept (hashed) in the database. */
  async issue(conn: Connection): Promise<string> {
    const session = this.sessions.peek(conn.sessionId);
    if (!session) throw new Error('A token was asked for a connection without a session.');
    const token = randomBytes(32).toString('base64url');
    const hash = tokenHashOf(token);
    await run(this.db, sql`INSERT INTO server_sessions (token_hash, user_id, created_at, last_active_at, locked) VALUES (${hash}, ${session.userId}, ${session.createdAt}, ${session.lastActiveAt}, ${session.locked ? 1 : 0})`);
    this.byHash.set(hash, { conn, written: { lastActiveAt: session.lastActiveAt, locked: session.locked } });
    return token;
  }

  /** The connection a presented token stands for, in step with the database; null when unknown, malformed or ended. */
  async connectionFor(token: string): Promise<Connection | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const hash = tokenHashOf(token);
    const row = await one<Row>(this.db, sql`SELECT user_id, created_at, last_active_at, locked FROM server_sessions WHERE token_hash = ${hash}`);
    const held = this.byHash.get(hash);
    if (!row) {
      // Signed out, here or through another server.
      if (held) this.forget(hash, held);
      return null;
    }
    const kept = { lastActiveAt: row.last_active_at, locked: row.locked === 1 };
    if (held) {
      const session = this.sessionOf(held.conn);
      if (!session) {
        // Ended here (deactivated, expired): end it everywhere.
        this.forget(hash, held);
        await run(this.db, sql`DELETE FROM server_sessions WHERE token_hash = ${hash}`);
        return null;
      }
      session.lastActiveAt = Math.max(session.lastActiveAt, kept.lastActiveAt);
      session.locked = kept.locked;
      held.written = kept;
      return held.conn;
    }
    const session = this.sessions.resume({ userId: row.user_id, createdAt: row.created_at, ...kept });
    const conn: Connection = { id: randomUUID(), sessionId: session.id };
    this.byHash.set(hash, { conn, written: kept });
    return conn;
  }

  /** Writes back what a call changed: the session ended (the row deleted), locked or unlocked, or newly active. */
  async afterCall(token: string): Promise<void> {
    const hash = tokenHashOf(token);
    const held = this.byHash.get(hash);
    if (!held) return;
    const session = this.sessionOf(held.conn);
    if (!session) {
      this.forget(hash, held);
      await run(this.db, sql`DELETE FROM server_sessions WHERE token_hash = ${hash}`);
      return;
    }
    const { written } = held;
    if (session.locked === written.locked && session.lastActiveAt - written.lastActiveAt < ACTIVITY_WRITE_MS) return;
    held.written = { lastActiveAt: session.lastActiveAt, locked: session.locked };
    await run(this.db, sql`UPDATE server_sessions SET last_active_at = ${session.lastActiveAt}, locked = ${session.locked ? 1 : 0} WHERE token_hash = ${hash}`);
  }

  /** Ends a token (sign-out): forgotten here and deleted from the database. */
  async revoke(token: string): Promise<void> {
    const hash = tokenHashOf(token);
    const held = this.byHash.get(hash);
    if (held) this.forget(hash, held);
    await run(this.db, sql`DELETE FROM server_sessions WHERE token_hash = ${hash}`);
  }

  /** Deletes sessions past the absolute limit (their tokens are refused anyway); answers how many. */
  async forgetExpired(): Promise<number> {
    return (await run(this.db, sql`DELETE FROM server_sessions WHERE created_at <= ${this.now() - SESSION_ABSOLUTE_LIMIT}`)).changes;
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The connection's session while this server holds it (locked included); null once ended or expired. */
  private sessionOf(conn: Connection): Session | null {
    if (conn.sessionId === null || !this.sessions.isKnown(conn.sessionId)) return null;
    return this.sessions.peek(conn.sessionId);
  }

  private forget(hash: string, held: Held): void {
    this.sessions.end(held.conn.sessionId);
    held.conn.sessionId = null;
    this.byHash.delete(hash);
  }
}
