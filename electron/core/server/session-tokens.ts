/**
 * Bearer tokens for signed-in desktops. A token is 32 random bytes handed to the desktop once, at
 * sign-in; the server keeps only its SHA-256, so a copy of the server's memory or logs holds
 * nothing a caller could present. Each token is bound to one connection (and so one session);
 * signing out, the session ending (idle limit, expiry, deactivation) or revocation ends the token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Connection, SessionService } from '../auth/sessions';

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Tokens are base64url of 32 bytes: anything else is refused before it is hashed or looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class SessionTokens {
  private readonly byHash = new Map<string, Connection>();

  constructor(private readonly sessions: SessionService) {}

  /** A new token for a connection that has just signed in. */
  issue(conn: Connection): string {
    const token = randomBytes(32).toString('base64url');
    this.byHash.set(hashOf(token), conn);
    return token;
  }

  /** The connection a presented token stands for, or null (unknown, malformed or ended). */
  connectionFor(token: string): Connection | null {
    if (!TOKEN_SHAPE.test(token)) return null;
    const hash = hashOf(token);
    const conn = this.byHash.get(hash);
    if (!conn) return null;
    if (conn.sessionId === null || !this.sessions.isKnown(conn.sessionId)) {
      this.byHash.delete(hash);
      return null;
    }
    return conn;
  }

  /** Ends a token (sign-out): the connection is forgotten. */
  revoke(token: string): void {
    this.byHash.delete(hashOf(token));
  }

  get size(): number {
    return this.byHash.size;
  }
}
