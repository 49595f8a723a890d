/**
 * Every channel fuzzed: random payloads, and payloads with the right field names but random
 * values. The answer is always a typed error from the channel's own list (or a valid answer),
 * never a crash, and a refused call changes nothing but the record of a failed password.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, COMMON_ERRORS, CONTRACT, type ChannelName } from '../../../shared/contract';
import { all, one, sql, value } from '../../../electron/core/store/sql';
import { useBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';

const fixture = useBrokerFixture();

const nasty = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, '', ' ', -1, 0, 1, 2 ** 53, Number.NaN, Infinity, [], {}, true, 'X100001', 'X999999', 'N07T01A', '2026-12-25', 'ALL', 'FRONT_SHEET', 'ROUTINE', 'OTHER',
    'correct horse battery staple', '__proto__', 'constructor', "'; DROP TABLE requests; --", 'a'.repeat(5000)),
);

/** Objects with the schema's own keys (so validation is passed more often) but random values. */
function shaped(name: ChannelName): fc.Arbitrary<unknown> {
  const shape = (CONTRACT[name].input as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return fc.anything();
  const keys = Object.keys(shape);
  return fc.record(Object.fromEntries(keys.map((k) => [k, nasty])), { requiredKeys: [] });
}

function callerFor(name: ChannelName): CastName {
  if (name.startsWith('admin.')) return name.includes('Lao') ? 'lars' : 'ada';
  if (name === 'requests.hubQueue' || name === 'requests.reviewQueue' || name === 'requests.decideReview' || name.startsWith('emergency.review')) return 'hana';
  if (name.startsWith('caseload.') || name === 'requests.inbox' || name.startsWith('requests.approve') || name.startsWith('requests.deny')) return 'olivia';
  return 'priya';
}

const lastSeq = async (fx: BrokerFixture) => Number(await value<number>(fx.engine, sql`SELECT coalesce(max(seq), 0) AS n FROM audit_events`));

/**
 * Counts the rows changed from now on. The embedded store counts them itself (total_changes());
 * PostgreSQL has no such counter, so there it is the rows written (inserted or updated) by a
 * transaction that started after now, in every table, plus any fall in the number of rows.
 */
async function changeCounter(fx: BrokerFixture): Promise<() => Promise<number>> {
  if (fx.engine.dialect === 'sqlite') {
    const totalChanges = async () => Number(await value<number>(fx.engine, sql`SELECT total_changes() AS n`));
    const before = await totalChanges();
    return async () => (await totalChanges()) - before;
  }
  // One statement per look: every table's rows, and those written by a transaction from `mark` on.
  const look = async (mark: number) =>
    (await one<{ rows: number; written: number; mark: number }>(
      fx.engine,
      sql`WITH t AS (
            SELECT query_to_xml(format('SELECT count(*) AS n, count(*) FILTER (WHERE xmin::text::bigint >= %s) AS w FROM %I', ${mark}::bigint, table_name), false, true, '') AS x
            FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
          SELECT coalesce(sum((xpath('/row/n/text()', x))[1]::text::bigint), 0) AS rows,
                 coalesce(sum((xpath('/row/w/text()', x))[1]::text::bigint), 0) AS written,
                 pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296 AS mark
          FROM t`,
    ))!;
  const before = await look(0);
  return async () => {
    const after = await look(before.mark);
    return Number(after.written) + Math.max(0, Number(before.rows) - Number(after.rows));
  };
}

async function fuzzOnce(fx: BrokerFixture, name: ChannelName, payload: unknown): Promise<void> {
  const who = callerFor(name);
  await fx.signIn(who);
  const changes = await changeCounter(fx);
  const seqBefore = await lastSeq(fx);
  const r = await fx.core.dispatch(name, fx.users[who].conn, payload);
  expect(fx.internalErrors, `${name} crashed on ${JSON.stringify(payload)?.slice(0, 300)}`).toEqual([]);
  if (r.ok) return;
  const allowed = [...COMMON_ERRORS, ...(CONTRACT[name].errors ?? [])];
  expect(allowed, `${name} answered ${r.error.code} (${r.error.message}), which its contract does not list`).toContain(r.error.code);
  expect(r.error.message.length).toBeGreaterThan(0);
  // A refused call changes nothing, except that every password check is audited (and a wrong one
  // counted), and so is every refused read of a record.
  const newEvents = await all<{ action: string }>(fx.engine, sql`SELECT action FROM audit_events WHERE seq > ${seqBefore}`);
  const passwordChecks = newEvents.every((e) => e.action.endsWith('.fail') || e.action === 'auth.reauth' || e.action === 'record.read.refuse' || e.action === 'record.copy.offline.refuse');
  expect(passwordChecks, `${name} left ${JSON.stringify(newEvents)}`).toBe(true);
  expect(await changes()).toBeLessThanOrEqual(newEvents.length * 2);
}

describe('dispatch under fuzzing', () => {
  it('answers every channel with a typed error or a valid answer, never a crash, changing nothing when it refuses', async () => {
    const fx = await fixture();
    await fx.call('priya', 'auth.status', {});
    for (const name of CHANNEL_NAMES) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), shaped(name)), async (payload) => fuzzOnce(fx, name, payload)),
        { numRuns: 25 },
      );
    }
    // Passwords were never guessed, so no account is locked by the fuzzing beyond the lockout rules.
    expect(fx.internalErrors).toEqual([]);
    // Every channel 25 times over, each checked for changes: minutes on a busy shared machine.
  }, 600_000);

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const fx = await fixture();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything()), async (channel) => {
        fc.pre(typeof channel !== 'string' || !(CHANNEL_NAMES as string[]).includes(channel));
        const r = await fx.core.dispatch(channel, fx.users.priya.conn, {});
        expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: 200 },
    );
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(await fx.core.dispatch(name, fx.users.priya.conn, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('does not serve development channels outside a development host', async () => {
    const fx = await fixture();
    expect(await fx.core.dispatch('dev.setClock', fx.users.ada.conn, { at: 0 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(fx.clock.now()).toBeGreaterThan(0);
  });

  it('names the field that is wrong', async () => {
    const fx = await fixture();
    const r = await fx.attempt('priya', 'requests.create', { crns: ['nonsense'], scope: 'EVERYTHING', purpose: 'OTHER', justification: 'x', urgency: 'ROUTINE', durationDays: 1 } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!r.ok && r.error.message).toContain('crns.0: must be a CRN');
    expect(!r.ok && r.error.message).toContain('scope:');
  });

  it('gives each refused field by its path and message, alongside the message, so a form need not parse it', async () => {
    const fx = await fixture();
    const r = await fx.attempt('priya', 'requests.create', { crns: ['nonsense'], scope: 'EVERYTHING', purpose: 'OTHER', justification: 'x', urgency: 'ROUTINE', durationDays: 1 } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields).toEqual(expect.arrayContaining([{ path: 'crns.0', message: 'must be a CRN: a letter and six digits, like X320741' }, expect.objectContaining({ path: 'scope' })]));
    expect(r.error.fields!.every((f) => f.message.length > 0 && !f.message.startsWith(f.path))).toBe(true);
  });
});
