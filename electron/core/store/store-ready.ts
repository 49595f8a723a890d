/** Whether an open store answers a trivial query now: what a server's readiness check reports. */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export function storeAnswers(db: Database): boolean {
  try {
    db.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}
