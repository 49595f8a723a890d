/**
 * This server's open push connections (server-sent events), kept cheap however many there are:
 *
 * - The live feed is subscribed once per person, not once per connection, and each update is
 *   serialised once and written to all of that person's connections.
 * - One timer sends every connection its keep-alive and checks each session still holding
 *   connections once (not once per connection) against the database: the fallback for a session
 *   ended where this server could not hear of it.
 * - A session ended anywhere closes its connections here at once: ended by a call on this server
 *   (`endConnection`), or through another server, heard on PostgreSQL through LISTEN on
 *   `rab_sessions` (migration 0011 announces every deleted session row with its token hash).
 */
import type { ServerResponse } from 'node:http';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import type { Connection } from '../auth/sessions';
import { listenForChanges, type ChangeListener } from '../store/engine/postgres-change-listener';
import type { Db } from '../store/sql';
import type { LiveFeed } from './live-feed';
import { tokenHashOf } from './session-tokens';

export const SESSION_ENDS_CHANNEL = 'rab_sessions';

interface Stream {
  res: ServerResponse;
  conn: Connection;
  tokenHash: string;
  userId: number;
}

export interface PushStreamsOptions {
  feed: LiveFeed;
  db: Db;
  /** Whether the session a token stands for still holds (checked once per session at each keep-alive). */
  stillSignedIn: (token: string) => Promise<boolean>;
  /** How often each connection gets a keep-alive line (proxies close idle connections). */
  heartbeatMs: number;
}

export class PushStreams {
  private readonly streams = new Set<Stream>();
  /** Per person: their connections, and the one feed subscription that serves them all. */
  private readonly byUser = new Map<number, { streams: Set<Stream>; unsubscribe: () => void }>();
  /** Per session (token hash): its connections, and the token itself for the keep-alive check. */
  private readonly byToken = new Map<string, { token: string; streams: Set<Stream> }>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly sessionEnds: ChangeListener | null;

  constructor(private readonly o: PushStreamsOptions) {
    this.heartbeat = setInterval(() => void this.keepAlive(), o.heartbeatMs);
    this.heartbeat.unref();
    this.sessionEnds = listenForChanges(o.db, {
      channel: SESSION_ENDS_CHANNEL,
      // With a hash, that session ended; without (the connection came back), any may have.
      onChange: (tokenHash) => (tokenHash ? this.endSession(tokenHash) : void this.checkSessions()),
    });
  }

  get size(): number {
    return this.streams.size;
  }

  /** Starts a push connection on `res` (headers already written); answers the function that ends it (the client went). */
  open(res: ServerResponse, conn: Connection, token: string, userId: number): () => void {
    const stream: Stream = { res, conn, tokenHash: tokenHashOf(token), userId };
    this.streams.add(stream);
    let person = this.byUser.get(userId);
    if (!person) {
      const streams = new Set<Stream>();
      const unsubscribe = this.o.feed.subscribe(userId, (update) => this.tell(streams, update));
      this.byUser.set(userId, (person = { streams, unsubscribe }));
    }
    person.streams.add(stream);
    let session = this.byToken.get(stream.tokenHash);
    if (!session) this.byToken.set(stream.tokenHash, (session = { token, streams: new Set() }));
    session.streams.add(stream);
    const end = () => this.end(stream);
    res.on('close', end);
    return end;
  }

  /** Ends the push connections of a desktop connection whose session ended on this server. */
  endConnection(conn: Connection): void {
    for (const stream of [...this.streams]) if (stream.conn === conn) this.end(stream);
  }

  /** Ends every push connection of a session (by its token hash). */
  endSession(tokenHash: string): void {
    for (const stream of [...(this.byToken.get(tokenHash)?.streams ?? [])]) this.end(stream);
  }

  /** Ends them all (the server is closing) and stops listening. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) this.end(stream);
    await this.sessionEnds?.close();
  }

  /** One serialisation of the update for all of a person's connections. */
  private tell(streams: Set<Stream>, update: LiveUpdate): void {
    const frame = `event: update\ndata: ${JSON.stringify(update)}\n\n`;
    for (const stream of streams) stream.res.write(frame);
  }

  private async keepAlive(): Promise<void> {
    for (const stream of this.streams) stream.res.write(': keep-alive\n\n');
    await this.checkSessions();
  }

  /** Asks once per session holding connections whether it still stands; ends the connections of those that do not. */
  private async checkSessions(): Promise<void> {
    for (const [tokenHash, session] of [...this.byToken]) {
      const still = await this.o.stillSignedIn(session.token).catch(() => true); // out of reach: ask again next time
      if (!still) this.endSession(tokenHash);
    }
  }

  private end(stream: Stream): void {
    if (!this.streams.delete(stream)) return;
    const person = this.byUser.get(stream.userId);
    person?.streams.delete(stream);
    if (person && person.streams.size === 0) {
      person.unsubscribe();
      this.byUser.delete(stream.userId);
    }
    const session = this.byToken.get(stream.tokenHash);
    session?.streams.delete(stream);
    if (session && session.streams.size === 0) this.byToken.delete(stream.tokenHash);
    stream.res.end();
  }
}
