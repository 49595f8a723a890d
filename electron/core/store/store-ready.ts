/** Whether an open store answers a trivial query now: what a server's readiness check reports. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Engine } from './engine/engine';
import { sql } from './engine/sql-fragment';

export function storeAnswers(db: Database): boolean {
  try {
    db.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}

/** The same through the seam, for either engine. */
export async function engineAnswers(engine: Engine): Promise<boolean> {
  try {
    await engine.read((db) => db.one(sql`SELECT 1 AS one`), { oneStatement: true });
    return true;
  } catch {
    return false;
  }
}
