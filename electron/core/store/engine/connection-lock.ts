/**
 * One connection, one caller at a time. An embedded store has a single connection; without this,
 * a call arriving while another call's transaction waits on an `await` would run inside that
 * transaction and vanish with it if it rolled back. Calls already holding the lock (nested work,
 * tracked with AsyncLocalStorage) go straight through instead of waiting for themselves.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<ConnectionLock>();

  get held(): boolean {
    return this.holder.getStore() === this;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held) return work();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.holder.run(this, work);
    } finally {
      release();
    }
  }
}
