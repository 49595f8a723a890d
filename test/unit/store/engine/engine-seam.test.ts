/** The seam's promises, held on both engines: the same test body runs on each. */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../../electron/core/store/engine/engine';
import { sql, sqlList } from '../../../../electron/core/store/engine/sql-fragment';
import { ENGINE_NAMES, useEngines } from '../../../helpers/engines';

async function makeTables(engine: Engine): Promise<void> {
  await engine.write(async (tx) => {
    await tx.run(sql`CREATE TABLE seam_requests (id INTEGER PRIMARY KEY, status TEXT NOT NULL, decided_by TEXT, created_at BIGINT NOT NULL)`);
    await tx.run(sql`CREATE TABLE seam_chain (seq INTEGER PRIMARY KEY, prev INTEGER)`);
  });
}

describe.each(ENGINE_NAMES)('the data-access seam on %s', (name) => {
  const open = useEngines();

  it('reads back what a write committed, with BIGINT epoch milliseconds as numbers', async () => {
    const engine = await open(name);
    await makeTables(engine);
    const at = Date.UTC(2026, 2, 2, 9, 30);
    await engine.write((tx) => tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${1}, ${'PENDING_OWNER'}, ${at})`));
    const row = await engine.read((db) => db.one<{ id: number; status: string; createdAt: number }>(sql`SELECT id, status, created_at AS "createdAt" FROM seam_requests WHERE id = ${1}`));
    expect(row).toEqual({ id: 1, status: 'PENDING_OWNER', createdAt: at });
    const rows = await engine.read((db) => db.all<{ id: number }>(sql`SELECT id FROM seam_requests WHERE id IN ${sqlList([1, 2, 3])}`));
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('rolls a failed write back completely', async () => {
    const engine = await open(name);
    await makeTables(engine);
    await expect(
      engine.write(async (tx) => {
        await tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${1}, ${'PENDING_OWNER'}, ${0})`);
        throw new Error('a rule refused it');
      }),
    ).rejects.toThrow('a rule refused it');
    expect(await engine.read((db) => db.all(sql`SELECT id FROM seam_requests`))).toEqual([]);
  });

  it('joins nested writes to the outer transaction, so an outer failure undoes both', async () => {
    const engine = await open(name);
    await makeTables(engine);
    await expect(
      engine.write(async (tx) => {
        await tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${1}, ${'PENDING_OWNER'}, ${0})`);
        await engine.write((inner) => inner.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${2}, ${'PENDING_OWNER'}, ${0})`));
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await engine.read((db) => db.all(sql`SELECT id FROM seam_requests`))).toEqual([]);
  });

  it('keeps a call that arrives during another transaction out of it: a rollback never takes it along', async () => {
    const engine = await open(name);
    await makeTables(engine);
    let insideTransaction!: () => void;
    const entered = new Promise<void>((r) => (insideTransaction = r));
    let failNow!: () => void;
    const failSignal = new Promise<void>((r) => (failNow = r));
    const failing = engine.write(async (tx) => {
      await tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${1}, ${'IMPORTING'}, ${0})`);
      insideTransaction();
      await failSignal; // the transaction stays open across an await, as an import's does
      throw new Error('import failed');
    });
    await entered;
    // A sweep-like write made by another caller while the transaction is open.
    const sweep = engine.write((tx) => tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${2}, ${'SWEEP'}, ${0})`));
    failNow();
    await expect(failing).rejects.toThrow('import failed');
    await sweep;
    expect(await engine.read((db) => db.all(sql`SELECT id, status FROM seam_requests ORDER BY id`))).toEqual([{ id: 2, status: 'SWEEP' }]);
  });

  it('lets exactly one of many concurrent conditional updates win (first decision wins)', async () => {
    const engine = await open(name, { poolSize: 8 });
    await makeTables(engine);
    await engine.write((tx) => tx.run(sql`INSERT INTO seam_requests (id, status, created_at) VALUES (${1}, ${'PENDING_OWNER'}, ${0})`));
    const deciders = Array.from({ length: 16 }, (_, i) => `decider-${i}`);
    const results = await Promise.all(
      deciders.map((who) =>
        engine.write(async (tx) => {
          const { changes } = await tx.run(sql`UPDATE seam_requests SET status = 'APPROVED', decided_by = ${who} WHERE id = ${1} AND status = 'PENDING_OWNER'`);
          return changes;
        }),
      ),
    );
    expect(results.filter((c) => c === 1)).toHaveLength(1);
    const row = await engine.read((db) => db.one<{ decided_by: string }>(sql`SELECT decided_by FROM seam_requests WHERE id = ${1}`));
    expect(deciders).toContain(row?.decided_by);
  });

  it('serialises appends on a named lock, so a read-last-then-append chain never forks', async () => {
    const engine = await open(name, { poolSize: 8 });
    await makeTables(engine);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        engine.write(async (tx) => {
          const last = await tx.one<{ seq: number }>(sql`SELECT seq FROM seam_chain ORDER BY seq DESC LIMIT 1`);
          const next = (last?.seq ?? 0) + 1;
          await tx.run(sql`INSERT INTO seam_chain (seq, prev) VALUES (${next}, ${last?.seq ?? null})`);
        }, { serialise: ['audit-chain'] }),
      ),
    );
    const rows = await engine.read((db) => db.all<{ seq: number; prev: number | null }>(sql`SELECT seq, prev FROM seam_chain ORDER BY seq`));
    expect(rows).toHaveLength(40);
    rows.forEach((r, i) => expect(r).toEqual({ seq: i + 1, prev: i === 0 ? null : i }));
  });
});
