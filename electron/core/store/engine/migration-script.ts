/**
 * What a migration does, recorded as a list of steps that either engine can run: schema text in
 * the portable dialect (see portable-ddl.ts), parameterised statements (seed rows), and named
 * dialect differences written side by side. Recording first and running afterwards is what lets
 * the embedded store run a migration synchronously and PostgreSQL asynchronously from one source.
 */
import { ddlFor } from './portable-ddl';
import type { Dialect, SqlFragment } from './sql-fragment';

export type MigrationStep =
  | { kind: 'ddl'; text: string }
  | { kind: 'statement'; query: SqlFragment }
  | { kind: 'dialect'; forms: Readonly<Record<Dialect, string>> };

export class MigrationScript {
  readonly steps: MigrationStep[] = [];

  /** Schema text (several statements allowed), written for SQLite, translated for PostgreSQL. */
  ddl(text: string): this {
    this.steps.push({ kind: 'ddl', text });
    return this;
  }

  /** One parameterised statement, e.g. a seed row. */
  statement(query: SqlFragment): this {
    this.steps.push({ kind: 'statement', query });
    return this;
  }

  /** A difference the translation cannot express (triggers, case-insensitive uniqueness); '' for none. */
  dialect(forms: Readonly<Record<Dialect, string>>): this {
    this.steps.push({ kind: 'dialect', forms });
    return this;
  }
}

/** The steps as each engine runs them: schema text, or one statement with parameters. */
export type RenderedStep = { kind: 'text'; text: string } | { kind: 'statement'; query: SqlFragment };

export function stepsFor(script: MigrationScript, dialect: Dialect): RenderedStep[] {
  const out: RenderedStep[] = [];
  for (const step of script.steps) {
    if (step.kind === 'statement') out.push(step);
    else {
      const text = step.kind === 'ddl' ? ddlFor(step.text, dialect) : step.forms[dialect];
      if (text.trim() !== '') out.push({ kind: 'text', text });
    }
  }
  return out;
}
