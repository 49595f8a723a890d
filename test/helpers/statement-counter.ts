/**
 * Counts the SQL statements one connection executes, for tests that hold list services to a fixed
 * number of queries per call. It wraps the statement methods for the test's duration only;
 * production code is untouched. Cached prepared statements are counted too, since the count is
 * of executions (run/get/all/iterate), not of prepares.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { ReadableDb } from '../../electron/core/store/engine/engine';
import type { Db, SqlFragment } from '../../electron/core/store/sql';

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

/** A connection that tells `record` the text of each statement it runs (all, one, run) before running it. */
export function recordingStatements<D extends ReadableDb>(db: D, record: (text: string) => void): D {
  return new Proxy(db, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      if (prop !== 'all' && prop !== 'one' && prop !== 'run') return v.bind(target);
      return (q: SqlFragment) => {
        record(q.strings.join('?'));
        return (v as (q: SqlFragment) => unknown).call(target, q);
      };
    },
  });
}

/**
 * The engine with every statement run through it recorded, on either engine (on a server, each is
 * a round trip). Wraps reads and writes; the engine itself is untouched.
 */
export function countingEngine(engine: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const counted = <D extends ReadableDb>(db: D): D => recordingStatements(db, (text) => statements.push(text));
  const db: Db = {
    dialect: engine.dialect,
    read: (work, options) => engine.read((r) => work(counted(r)), options),
    write: (work, options) => engine.write((tx) => work(counted(tx)), options),
    close: () => engine.close(),
  };
  return { db, statements };
}

/** The same for code that already holds `engine` (a broker core): its read and write count while the counter runs. */
export function countEngineStatements(engine: Db): StatementCounter {
  const { read, write } = engine;
  const counting = countingEngine({ ...engine, read: read.bind(engine), write: write.bind(engine) });
  let from: number | null = null;
  Object.assign(engine, { read: counting.db.read, write: counting.db.write });
  return {
    async during(fn) {
      from = counting.statements.length;
      try {
        const value = await fn();
        return { value, statements: counting.statements.slice(from) };
      } finally {
        from = null;
      }
    },
    stop: () => {
      Object.assign(engine, { read, write });
    },
  };
}
