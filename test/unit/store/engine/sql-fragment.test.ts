import { describe, expect, it } from 'vitest';
import { renderSql, sql, sqlAnd, sqlDialect, sqlJoin, sqlList, sqlTrusted } from '../../../../electron/core/store/engine/sql-fragment';

describe('SQL fragments', () => {
  it('turns every interpolation into a parameter, with each engine its own placeholders', () => {
    const q = sql`SELECT * FROM people WHERE crn = ${'X123456'} AND tier = ${3}`;
    expect(renderSql(q, 'sqlite')).toEqual({ text: 'SELECT * FROM people WHERE crn = ? AND tier = ?', params: ['X123456', 3] });
    expect(renderSql(q, 'postgres')).toEqual({ text: 'SELECT * FROM people WHERE crn = $1 AND tier = $2', params: ['X123456', 3] });
  });

  it('numbers PostgreSQL parameters across nested fragments in order', () => {
    const join = sql`JOIN staff s ON s.code = r.owner AND s.active = ${1}`;
    const where = sqlAnd([sql`r.status = ${'PENDING_HUB'}`, null, false, sql`r.deadline < ${1000}`]);
    const q = sql`SELECT r.id FROM requests r ${join} WHERE ${where} LIMIT ${50}`;
    expect(renderSql(q, 'postgres')).toEqual({
      text: 'SELECT r.id FROM requests r JOIN staff s ON s.code = r.owner AND s.active = $1 WHERE (r.status = $2) AND (r.deadline < $3) LIMIT $4',
      params: [1, 'PENDING_HUB', 1000, 50],
    });
  });

  it('renders lists for IN, and refuses an empty one rather than writing invalid SQL', () => {
    expect(renderSql(sql`crn IN ${sqlList(['A', 'B', 'C'])}`, 'postgres')).toEqual({ text: 'crn IN ($1, $2, $3)', params: ['A', 'B', 'C'] });
    expect(() => sqlList([])).toThrow(/at least one/);
  });

  it('leaves out absent optional conditions and stays valid when none are left', () => {
    expect(renderSql(sqlAnd([null, undefined, false]), 'sqlite').text).toBe('1 = 1');
  });

  it('writes a named dialect difference in the form of the engine it is rendered for', () => {
    const upsert = sqlDialect({ sqlite: sql`INSERT OR IGNORE INTO t(a) VALUES (${1})`, postgres: sql`INSERT INTO t(a) VALUES (${1}) ON CONFLICT DO NOTHING` });
    expect(renderSql(sql`${upsert}`, 'sqlite')).toEqual({ text: 'INSERT OR IGNORE INTO t(a) VALUES (?)', params: [1] });
    expect(renderSql(sql`${upsert}`, 'postgres')).toEqual({ text: 'INSERT INTO t(a) VALUES ($1) ON CONFLICT DO NOTHING', params: [1] });
  });

  it('joins with a chosen separator and writes trusted names as text', () => {
    expect(renderSql(sqlJoin([sqlTrusted('a'), sqlTrusted('b')], sql` | `), 'sqlite').text).toBe('a | b');
  });
});
