/**
 * `rab verify --database`: proves a PostgreSQL broker database is whole, as `rab verify` does for
 * the embedded store. Reads only: the schema version, every foreign key checked row by row (a
 * constraint can have been added NOT VALID, or bypassed by a bulk load with triggers off), every
 * table counted, and the audit hash chain walked from its first event.
 */
import { REGISTER_TYPES } from '../../../../shared/domain/register-types';
import { verifyAuditChain } from '../../audit/verify-chain';
import type { Engine } from '../../store/engine/engine';
import { postgresSchemaVersion } from '../../store/migrate-postgres';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations';
import { sql, sqlJoin, sqlTrusted } from '../../store/sql';
import type { VerifyCheck } from './verify-store';

export interface DatabaseVerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
  rowCounts: { table: string; rows: number | null }[];
}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  child_cols: string[];
  parent_cols: string[];
}

const MAX_LISTED = 10;
const ident = (name: string) => sqlTrusted(`"${name.replaceAll('"', '""')}"`);

export async function verifyDatabase(engine: Engine): Promise<DatabaseVerifyReport> {
  const checks: VerifyCheck[] = [];
  const check = async (name: string, run: () => Promise<{ ok: boolean; detail: string }>) => {
    try {
      checks.push({ name, ...(await run()) });
    } catch (e) {
      checks.push({ name, ok: false, detail: e instanceof Error ? e.message : String(e) });
    }
  };
  let rowCounts: DatabaseVerifyReport['rowCounts'] = [];
  // One snapshot for every check, so counts and references agree with each other.
  await engine.read(async (db) => {
    await check('schema version', async () => {
      const version = await postgresSchemaVersion(db);
      return { ok: version === LATEST_SCHEMA_VERSION, detail: `${version} (this version of rab expects ${LATEST_SCHEMA_VERSION})` };
    });
    await check('foreign keys', async () => {
      const keys = await db.all<ForeignKey>(sql`
        SELECT c.conname AS name, cl.relname AS child, pl.relname AS parent,
          ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS child_cols,
          ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS parent_cols
        FROM pg_constraint c
        JOIN pg_class cl ON cl.oid = c.conrelid
        JOIN pg_class pl ON pl.oid = c.confrelid
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
        ORDER BY cl.relname, c.conname`);
      const broken: string[] = [];
      for (const k of keys) {
        const present = sqlJoin(k.child_cols.map((c) => sql`c.${ident(c)} IS NOT NULL`), sql` AND `);
        const matches = sqlJoin(k.child_cols.map((c, i) => sql`p.${ident(k.parent_cols[i]!)} = c.${ident(c)}`), sql` AND `);
        const row = await db.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM ${ident(k.child)} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${ident(k.parent)} p WHERE ${matches})`,
        );
        if ((row?.n ?? 0) > 0) broken.push(`${row!.n} row(s) of ${k.child} (${k.child_cols.join(', ')}) → ${k.parent} missing`);
      }
      return { ok: broken.length === 0, detail: broken.length === 0 ? `${keys.length} foreign keys, no broken references` : list(broken) };
    });
    const tables = await db.all<{ name: string }>(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`);
    rowCounts = [];
    for (const { name } of tables) {
      const row = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${ident(name)}`);
      rowCounts.push({ table: name, rows: row?.n ?? null });
    }
    await check('row counts', async () => {
      const types = rowCounts.find((r) => r.table === 'register_types')?.rows ?? 0;
      const ok = types >= REGISTER_TYPES.length;
      return { ok, detail: ok ? `${tables.length} tables counted` : `register_types holds ${types} of ${REGISTER_TYPES.length} types` };
    });
  });
  await check('audit chain', async () => {
    const chain = await verifyAuditChain(engine);
    return chain.ok
      ? { ok: true, detail: `${chain.checked} events, every hash follows from the one before` }
      : { ok: false, detail: `broken at event ${chain.firstBadSeq}: ${chain.problem}` };
  });
  return { ok: checks.every((c) => c.ok), checks, rowCounts };
}

function list(xs: string[]): string {
  return xs.slice(0, MAX_LISTED).join('; ') + (xs.length > MAX_LISTED ? `; … (${xs.length} in all)` : '');
}
