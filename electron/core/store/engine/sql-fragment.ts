/**
 * SQL stays SQL on both engines: a tagged template whose interpolations become parameters, and
 * whose interpolated fragments compose (joins, optional conditions, lists) without hand-built
 * strings. A fragment is rendered for one engine only at the last moment: `?` placeholders for
 * SQLite, `$1, $2, …` for PostgreSQL. Where the engines truly differ, `sqlDialect` names both forms
 * side by side, so every difference is visible at the place it matters.
 */
export type SqlValue = string | number | bigint | null | Buffer;
export type Dialect = 'sqlite' | 'postgres';

type Part = SqlValue | SqlFragment | DialectChoice;

export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly Part[],
  ) {}
}

class DialectChoice {
  constructor(readonly forms: Readonly<Record<Dialect, SqlFragment>>) {}
}

export function sql(strings: TemplateStringsArray, ...values: Part[]): SqlFragment {
  return new SqlFragment([...strings], values);
}

/** Text written into the statement as it is: only for names chosen in code, never for input. */
export function sqlTrusted(text: string): SqlFragment {
  return new SqlFragment([text], []);
}

export const emptySql = new SqlFragment([''], []);

/** `a, b, c` (or another separator) from fragments or plain values. */
export function sqlJoin(parts: readonly (SqlFragment | SqlValue)[], separator: SqlFragment = sql`, `): SqlFragment {
  if (parts.length === 0) return emptySql;
  const strings: string[] = [''];
  const values: Part[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      values.push(separator);
      strings.push('');
    }
    values.push(part);
    strings.push('');
  });
  return new SqlFragment(strings, values);
}

/** `(v1, v2, …)` for `IN` lists; an empty list is a SQL error, so the caller must check first. */
export function sqlList(values: readonly SqlValue[]): SqlFragment {
  if (values.length === 0) throw new Error('sqlList needs at least one value');
  return sql`(${sqlJoin(values)})`;
}

/** `cond1 AND cond2 …`, leaving out absent conditions; `TRUE`-like when none are left. */
export function sqlAnd(conditions: readonly (SqlFragment | null | undefined | false)[]): SqlFragment {
  const present = conditions.filter((c): c is SqlFragment => c instanceof SqlFragment);
  return present.length === 0 ? sql`1 = 1` : sqlJoin(present.map((c) => sql`(${c})`), sql` AND `);
}

/** A named difference between the engines, written where it is used. */
export function sqlDialect(forms: Readonly<Record<Dialect, SqlFragment>>): DialectChoice {
  return new DialectChoice(forms);
}

export interface RenderedSql {
  text: string;
  params: SqlValue[];
}

export function renderSql(fragment: SqlFragment, dialect: Dialect): RenderedSql {
  const out: RenderedSql = { text: '', params: [] };
  append(fragment, dialect, out);
  return out;
}

function append(fragment: SqlFragment, dialect: Dialect, out: RenderedSql): void {
  out.text += fragment.strings[0] ?? '';
  fragment.values.forEach((value, i) => {
    if (value instanceof SqlFragment) append(value, dialect, out);
    else if (value instanceof DialectChoice) append(value.forms[dialect], dialect, out);
    else {
      out.params.push(value);
      out.text += dialect === 'postgres' ? `$${out.params.length}` : '?';
    }
    out.text += fragment.strings[i + 1] ?? '';
  });
}

/** The larger of two values (`max(a, b)` on SQLite, `GREATEST(a, b)` on PostgreSQL). */
export const sqlGreatest = (a: SqlFragment | SqlValue, b: SqlFragment | SqlValue): DialectChoice =>
  sqlDialect({ sqlite: sql`max(${a}, ${b})`, postgres: sql`GREATEST(${a}, ${b})` });

/** The smaller of two values (`min(a, b)` on SQLite, `LEAST(a, b)` on PostgreSQL). */
export const sqlLeast = (a: SqlFragment | SqlValue, b: SqlFragment | SqlValue): DialectChoice =>
  sqlDialect({ sqlite: sql`min(${a}, ${b})`, postgres: sql`LEAST(${a}, ${b})` });

/** Case-insensitive LIKE, as SQLite's LIKE already is for ASCII; PostgreSQL's is ILIKE. */
export const sqlILike = sqlDialect({ sqlite: sql`LIKE`, postgres: sql`ILIKE` });

/** A condition as 0 or 1 on both engines (PostgreSQL would answer a boolean). */
export const sqlFlag = (condition: SqlFragment): DialectChoice => sqlDialect({ sqlite: sql`(${condition})`, postgres: sql`(${condition})::int` });
