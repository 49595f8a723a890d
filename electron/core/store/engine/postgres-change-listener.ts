/**
 * Hears PostgreSQL NOTIFY on one channel through a dedicated connection (a pooled one would be
 * handed to other work and miss notifications), so a server learns at once of changes committed
 * by other servers. When the connection drops (the database restarting, a failover) it reconnects
 * with a growing pause, and tells `onChange` once it is back: whatever was announced meanwhile was
 * missed, so the listener's owner looks for itself. On the embedded store there is nothing to hear.
 */
import pg from 'pg';
import type { Engine } from './engine';

export interface ChangeListener {
  /** True while the LISTEN connection is up. */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ChangeListenerOptions {
  /** A channel name: letters, digits and underscores. */
  channel: string;
  /**
   * Something was announced (with the notification's payload), or the connection came back
   * (no payload: something may have been missed).
   */
  onChange: (payload?: string) => void;
  /** The connection went down (with the error's name) or came up. */
  onState?: (listening: boolean, error?: string) => void;
  firstPauseMs?: number;
  maxPauseMs?: number;
}

/** Listens when `engine` is PostgreSQL; null on the embedded store. */
export function listenForChanges(engine: Engine, o: ChangeListenerOptions): ChangeListener | null {
  const pool = (engine as Partial<{ pool: pg.Pool }>).pool;
  if (engine.dialect !== 'postgres' || !pool) return null;
  if (!/^[a-z_][a-z0-9_]*$/.test(o.channel)) throw new Error(`Not a channel name: ${o.channel}`);
  const firstPause = o.firstPauseMs ?? 250;
  const maxPause = o.maxPauseMs ?? 10_000;
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let pause = firstPause;
  let retry: NodeJS.Timeout | null = null;

  const down = (c: pg.Client, error?: unknown) => {
    if (client !== c) return; // already handled ('error' and 'end' both come)
    client = null;
    c.removeAllListeners();
    c.on('error', () => {}); // a late error on a discarded connection must not crash the process
    void c.end().catch(() => undefined);
    if (closed) return;
    if (listening) o.onState?.(false, error instanceof Error ? error.name : undefined);
    listening = false;
    retry = setTimeout(connect, pause);
    retry.unref();
    pause = Math.min(pause * 2, maxPause);
  };

  const connect = () => {
    retry = null;
    if (closed) return;
    const c = new pg.Client({ ...pool.options });
    client = c;
    c.on('notification', (message) => o.onChange(message.payload));
    c.on('error', (e) => down(c, e));
    c.on('end', () => down(c));
    c.connect()
      .then(() => c.query(`LISTEN ${o.channel}`))
      .then(() => {
        if (closed) return void c.end().catch(() => undefined);
        listening = true;
        pause = firstPause;
        o.onState?.(true);
        o.onChange();
      })
      .catch((e: unknown) => down(c, e));
  };
  connect();

  return {
    get listening() {
      return listening;
    },
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      listening = false;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => undefined);
      }
    },
  };
}
