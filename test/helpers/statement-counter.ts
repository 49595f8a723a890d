/**
 * Counts the SQL statements one connection executes, for tests that hold list services to a fixed
 * number of queries per call. It wraps the statement methods for the test's duration only;
 * production code is untouched. Cached prepared statements are counted too, since the count is
 * of executions (run/get/all/iterate), not of prepares.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

type Method = 'run' | 'get' | 'all' | 'iterate';
const METHODS: Method[] = ['run', 'get', 'all', 'iterate'];

export interface StatementCounter {
  /** Statements executed on the connection while `fn` ran, with their text. */
  during<T>(fn: () => Promise<T>): Promise<{ value: T; statements: string[] }>;
  stop(): void;
}

export function countStatements(db: Database): StatementCounter {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, (...a: unknown[]) => unknown>;
  const originals = Object.fromEntries(METHODS.map((m) => [m, proto[m]])) as Record<Method, (...a: unknown[]) => unknown>;
  let seen: string[] | null = null;
  for (const m of METHODS) {
    proto[m] = function counted(this: Statement, ...args: unknown[]) {
      if (seen && this.database === db) seen.push(this.source);
      return originals[m].apply(this, args);
    };
  }
  return {
    async during(fn) {
      seen = [];
      try {
        const value = await fn();
        return { value, statements: seen };
      } finally {
        seen = null;
      }
    },
    stop: () => {
      for (const m of METHODS) proto[m] = originals[m];
    },
  };
}
