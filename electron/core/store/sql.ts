/**
 * SQL stays SQL: a tagged template that turns interpolations into `?` parameters, plus typed
 * helpers that cache prepared statements per connection.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

export type SqlValue = string | number | bigint | null | Buffer;

export interface SqlQuery {
  text: string;
  params: SqlValue[];
}

export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlQuery {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += `?${strings[i + 1] ?? ''}`;
  return { text, params: values };
}

const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, text: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let stmt = perDb.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    perDb.set(text, stmt);
  }
  return stmt;
}

export const all = <T>(db: Database, q: SqlQuery): T[] => prepared(db, q.text).all(...q.params) as T[];
export const one = <T>(db: Database, q: SqlQuery): T | undefined =>
  prepared(db, q.text).get(...q.params) as T | undefined;
export const run = (db: Database, q: SqlQuery) => prepared(db, q.text).run(...q.params);
