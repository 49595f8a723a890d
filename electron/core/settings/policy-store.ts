/** Policy settings live in the settings table as validated JSON; defaults come from DESIGN.md. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../store/sql';
import { DEFAULT_POLICY, policySettings, type PolicySettings } from '../../../shared/contract/policy-settings';
import { appendAuditEvent } from '../audit/audit-log';
import { one, run, sql } from '../store/sql';

const KEY = 'policy';

/** The last parsed policy per connection, keyed by its stored text: read often, changed rarely. */
const parsedCache = new WeakMap<Db, { raw: string; policy: PolicySettings }>();

/**
 * The policy a call read as it began (rpc/call-start.ts), which the rest of that call uses instead
 * of reading it again: a call is answered under one policy, and on a server each read is a round trip.
 */
const callPolicy = new AsyncLocalStorage<{ db: Db; policy: PolicySettings }>();

/** Runs a call's work with the policy it began with. */
export const withCallPolicy = <T>(db: Db, policy: PolicySettings, work: () => Promise<T>): Promise<T> => callPolicy.run({ db, policy }, work);

/** Read fresh from the store (another connection may have changed it) outside a call; parsed only when it changed. */
export async function readPolicy(db: Db): Promise<PolicySettings> {
  const held = callPolicy.getStore();
  if (held?.db === db) return held.policy;
  return policyFromStored(db, (await one<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${KEY}`))?.value ?? null);
}

/** The stored policy's text as a subquery, for callers that read it within a larger query. */
export const POLICY_VALUE_SQL = sql`(SELECT value FROM settings WHERE key = ${KEY})`;

export function policyFromStored(db: Db, raw: string | null): PolicySettings {
  if (raw === null) return DEFAULT_POLICY;
  const cached = parsedCache.get(db);
  if (cached?.raw === raw) return cached.policy;
  // A stored value that no longer parses (hand-edited) falls back to defaults rather than failing open.
  let policy = DEFAULT_POLICY;
  try {
    const parsed = policySettings.safeParse(JSON.parse(raw));
    if (parsed.success) policy = parsed.data;
  } catch {
    policy = DEFAULT_POLICY;
  }
  parsedCache.set(db, { raw, policy });
  return policy;
}

/** Replaces the policy, auditing what changed, in one transaction. */
export async function savePolicy(db: Db, next: PolicySettings, by: { userId: number | null; actor: string }, now: number): Promise<PolicySettings> {
  const valid = policySettings.parse(next);
  const saved = await db.write(async () => {
    const before = await readPolicy(db);
    await run(
      db,
      sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${KEY}, ${JSON.stringify(valid)}, ${now}, ${by.userId})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    await appendAuditEvent(db, { at: now, actor: by.actor, action: 'policy.update', subject: 'policy', details: { changed: changedKeys(before, valid), before, after: valid } });
    return valid;
  });
  // The rest of the call that saved it answers under the new policy.
  const held = callPolicy.getStore();
  if (held?.db === db) held.policy = saved;
  return saved;
}

function changedKeys(a: PolicySettings, b: PolicySettings): string[] {
  return (Object.keys(b) as (keyof PolicySettings)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
