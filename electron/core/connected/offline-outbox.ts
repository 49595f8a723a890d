/**
 * What a person did while the broker could not be reached and that may wait for it: a new request
 * or a withdrawal. Each is kept with the idempotency key it will be sent with, so sending it again
 * after a lost answer never makes a second request.
 */
import { randomUUID } from 'node:crypto';
import type { EmbeddedConnection } from '../store/embedded-connection';

/** The only calls that wait in the outbox; decisions and emergency access always need the broker. */
export const OUTBOX_CHANNELS: ReadonlySet<string> = new Set(['requests.create', 'requests.withdraw']);

export interface OutboxItem {
  idempotencyKey: string;
  channel: string;
  input: unknown;
}

export class OfflineOutbox {
  constructor(private readonly db: EmbeddedConnection) {}

  add(username: string, channel: string, input: unknown, at: number): string {
    const key = randomUUID();
    this.db.prepare('INSERT INTO outbox (idempotency_key, username, channel, input, created_at) VALUES (?, ?, ?, ?, ?)').run(key, username, channel, JSON.stringify(input ?? {}), at);
    return key;
  }

  waiting(username: string): OutboxItem[] {
    const rows = this.db.prepare('SELECT idempotency_key, channel, input FROM outbox WHERE username = ? ORDER BY created_at, rowid').all(username) as { idempotency_key: string; channel: string; input: string }[];
    return rows.map((r) => ({ idempotencyKey: r.idempotency_key, channel: r.channel, input: JSON.parse(r.input) as unknown }));
  }

  /** Sent and answered by the broker (whatever the answer): it leaves the outbox. */
  sent(idempotencyKey: string): void {
    this.db.prepare('DELETE FROM outbox WHERE idempotency_key = ?').run(idempotencyKey);
  }
}
