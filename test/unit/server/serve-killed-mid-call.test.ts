/**
 * A `rab serve` killed (SIGKILL) in the middle of a call, and the desktop's retry with the same
 * token and idempotency key sent to another server over the same PostgreSQL: the call is done once.
 * The call is held inside PostgreSQL by a lock the test holds, so it is known to be under way when
 * the server dies:
 *  - before its transaction commits (a request asked for, a request approved): nothing of it is
 *    kept, and the retry acts once, at once, answering what a single call answers;
 *  - after its transaction committed but before it answered: the retry answers the first answer,
 *    without acting again;
 *  - a password call (claimed first, in transactions of its own) before its change commits: the
 *    retry waits for the dead server's claim to go unrenewed for the abandoned-claim time (one
 *    second here, `--abandoned-claim-seconds`), then runs the call, once.
 * Real processes on the test PostgreSQL, a fresh schema each test (postgres project).
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRow, Result } from '../../../shared/contract';
import { tokenHashOf } from '../../../electron/core/server/session-tokens';
import { all, one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { httpCall, valueOf } from '../../helpers/broker-http';
import { requestBody } from '../../helpers/broker-requests';
import { POSTGRES_URL, TEST_ENGINE } from '../../helpers/engines';
import { startRabServe, type RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Created = { results: { outcome: string; request: RequestRow }[] };

/** Two servers on the fixture's schema, a desktop's calls to either, and a connection of the test's own that holds locks. */
async function setUp() {
  const fx = await fixture();
  const schema = (fx.engine as unknown as { schema: string }).schema;
  const certs: TestCertificates = makeTestCertificates(tempDir());
  const start = async () => {
    const server = await startRabServe(['--database', POSTGRES_URL, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet', '--abandoned-claim-seconds', '1'], { PGOPTIONS: `-c search_path=${schema}` });
    cleanups.push(() => server.kill('SIGKILL'));
    return server;
  };
  const [a, b] = await Promise.all([start(), start()]);
  const client = async () => {
    const c = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    await c.connect();
    cleanups.push(() => c.end());
    return c;
  };
  // Two connections: one holds the locks in its transaction; the other watches, since
  // pg_stat_activity read inside a transaction stays as it was at the transaction's first look.
  const [locks, watch] = await Promise.all([client(), client()]);
  const call = (server: RabServeProcess, channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(server.address, certs.caCert, channel, input, o);
  const signIn = async (server: RabServeProcess, username: string) => (await call(server, 'auth.signIn', { username, password: PASSWORD })).token!;
  return { fx, a, b, locks, watch, call, signIn };
}

/** Backends of this schema's servers waiting for a lock while their transaction holds `table` (so the call has begun writing). */
async function waitingWhileHolding(watch: pg.Client, table: string): Promise<number> {
  const r = await watch.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity a
      WHERE a.pid <> pg_backend_pid() AND a.wait_event_type = 'Lock'
        AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted AND l.relation = $1::regclass)`,
    [table],
  );
  return Number(r.rows[0]!.n);
}

/** Backends waiting for a lock on an UPDATE of server_sessions: a server writing back a session's activity after a call. */
async function waitingOnSessionWrite(watch: pg.Client): Promise<number> {
  const r = await watch.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE server_sessions%'`);
  return Number(r.rows[0]!.n);
}

/** Kills the server with SIGKILL and waits until it is gone; the call it was running never answers. */
async function killMidCall(server: RabServeProcess, pending: Promise<unknown>): Promise<void> {
  server.kill('SIGKILL');
  expect(await server.exited).toBeNull();
  expect(await pending).toMatchObject({ message: expect.stringMatching(/socket hang up|ECONNRESET/) });
}

/** A call whose answer is awaited later: its failure (the server killed) is its outcome, not an unhandled rejection. */
const unanswerable = (answer: Promise<unknown>): Promise<unknown> => answer.then((a) => ({ answered: a }), (e: Error) => e);

/** The audit chain verifies, asked of a server as an administrator would, and nothing failed inside. */
async function auditVerifies(fx: BrokerFixture, call: Awaited<ReturnType<typeof setUp>>['call'], server: RabServeProcess): Promise<void> {
  const token = (await call(server, 'auth.signIn', { username: 'ada', password: PASSWORD })).token!;
  expect(valueOf(await call(server, 'admin.auditVerify', {}, { token }))).toMatchObject({ ok: true });
  expect(fx.internalErrors).toEqual([]);
}

/** Claims made but never answered: a call left half-done. */
const unanswered = (fx: BrokerFixture) => one(fx.engine, sql`SELECT count(*) AS n FROM idempotent_calls WHERE answer IS NULL`);

describe.skipIf(TEST_ENGINE !== 'postgres')('rab serve killed mid-call, the call retried on another server (postgres project)', () => {
  it('asks once for a request whose server died before committing it', async () => {
    const s = await setUp();
    const { fx, a, b, locks, watch, call } = s;
    const token = await s.signIn(a, 'priya');
    const key = 'create-killed-before-commit';

    // The request's insert waits for the test's lock on requests, after the call claimed its key.
    await locks.query('BEGIN');
    await locks.query('LOCK TABLE requests IN ACCESS EXCLUSIVE MODE');
    const pending = unanswerable(call(a, 'requests.create', requestBody(), { token, key }));
    await expect.poll(() => waitingWhileHolding(watch, 'idempotent_calls'), { timeout: 30_000, interval: 50 }).toBe(1);
    await killMidCall(a, pending);
    await locks.query('ROLLBACK');

    const retried = await call(b, 'requests.create', requestBody(), { token, key });
    const created = valueOf<Created>(retried);
    expect(created.results).toEqual([expect.objectContaining({ outcome: 'CREATED', request: expect.objectContaining({ crn: PEOPLE.warrant.crn, status: 'PENDING_OWNER', scope: 'ROSH_SUMMARY' }) })]);
    expect(await all(fx.engine, sql`SELECT id FROM requests`)).toEqual([{ id: created.results[0]!.request.id }]);
    // Sent again, the same answer: the call is done, once.
    expect(await call(b, 'requests.create', requestBody(), { token, key })).toEqual(retried);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'request.create'`)).toEqual({ n: 1 });
    expect(await unanswered(fx)).toEqual({ n: 0 });
    await auditVerifies(fx, call, b);
  });

  it('decides once a request whose server died before committing the approval', async () => {
    const s = await setUp();
    const { fx, a, b, locks, watch, call } = s;
    const asking = await s.signIn(b, 'priya');
    const request = valueOf<Created>(await call(b, 'requests.create', requestBody(), { token: asking, key: 'the-request-to-approve' })).results[0]!.request;
    const token = await s.signIn(a, 'olivia');
    const key = 'approve-killed-before-commit';

    // The grant's insert waits for the test's lock on grants, after the call claimed its key.
    await locks.query('BEGIN');
    await locks.query('LOCK TABLE grants IN ACCESS EXCLUSIVE MODE');
    const pending = unanswerable(call(a, 'requests.approve', { requestId: request.id }, { token, key }));
    await expect.poll(() => waitingWhileHolding(watch, 'idempotent_calls'), { timeout: 30_000, interval: 50 }).toBe(1);
    await killMidCall(a, pending);
    await locks.query('ROLLBACK');

    const retried = await call(b, 'requests.approve', { requestId: request.id }, { token, key });
    const approved = valueOf<RequestRow>(retried);
    expect(approved).toMatchObject({ id: request.id, status: 'APPROVED', grantId: expect.any(Number) });
    expect(await call(b, 'requests.approve', { requestId: request.id }, { token, key })).toEqual(retried);
    expect(await all(fx.engine, sql`SELECT id, request_id FROM grants`)).toEqual([{ id: approved.grantId, request_id: request.id }]);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'request.approve'`)).toEqual({ n: 1 });
    // Another key is another decision: refused, the request being decided already.
    expect(await call(b, 'requests.approve', { requestId: request.id }, { token, key: 'a-second-decision-attempt' })).toMatchObject({ result: { ok: false, error: { code: 'ALREADY_DECIDED' } } });
    expect(await unanswered(fx)).toEqual({ n: 0 });
    await auditVerifies(fx, call, b);
  });

  it('runs once a password call whose server died before its change committed, once its claim is left unrenewed', async () => {
    const s = await setUp();
    const { fx, a, b, locks, watch, call } = s;
    const token = await s.signIn(a, 'ada');
    const key = 'account-whose-server-was-killed';
    const input = { username: 'new.colleague', displayName: 'New Colleague', staffCode: null, roles: ['admin'], password: 'a long enough password', confirmPassword: PASSWORD };

    // The key is claimed (committed on its own), then the call waits for the test's lock on users.
    await locks.query('BEGIN');
    await locks.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const pending = unanswerable(call(a, 'admin.createUser', input, { token, key }));
    const claimedAndWaiting = async () => {
      const r = await watch.query<{ claims: string; waiting: string }>(
        `SELECT (SELECT count(*) FROM idempotent_calls WHERE answer IS NULL) AS claims,
                (SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND datname = current_database()) AS waiting`,
      );
      return { claims: Number(r.rows[0]!.claims), waiting: Number(r.rows[0]!.waiting) };
    };
    await expect.poll(claimedAndWaiting, { timeout: 30_000, interval: 50 }).toEqual({ claims: 1, waiting: 1 });
    await killMidCall(a, pending);
    await locks.query('ROLLBACK');

    const retried = await call(b, 'admin.createUser', input, { token, key });
    expect(valueOf(retried)).toMatchObject({ username: 'new.colleague', roles: ['admin'] });
    expect(await call(b, 'admin.createUser', input, { token, key })).toEqual(retried);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM users WHERE username = 'new.colleague'`)).toEqual({ n: 1 });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'admin.createUser'`)).toEqual({ n: 1 });
    expect(await unanswered(fx)).toEqual({ n: 0 });
    await auditVerifies(fx, call, b);
  });

  it('answers the first answer when the server died after committing the request but before answering', async () => {
    const s = await setUp();
    const { fx, a, b, locks, watch, call } = s;
    const token = await s.signIn(a, 'priya');
    const key = 'create-killed-after-commit';
    const hash = tokenHashOf(token);

    // After the call's transaction, the server writes the session's activity back when it is older
    // than ACTIVITY_WRITE_MS: make it older, and hold that row, so the server stops there.
    await locks.query('UPDATE server_sessions SET last_active_at = last_active_at - 3600000 WHERE token_hash = $1', [hash]);
    await locks.query('BEGIN');
    await locks.query('SELECT 1 FROM server_sessions WHERE token_hash = $1 FOR UPDATE', [hash]);
    const pending = unanswerable(call(a, 'requests.create', requestBody(), { token, key }));
    await expect.poll(() => waitingOnSessionWrite(watch), { timeout: 30_000, interval: 50 }).toBe(1);
    // Committed: the request and its answer are in the database; the desktop has had no answer.
    const kept = await locks.query<{ answer: string }>('SELECT answer FROM idempotent_calls WHERE answer IS NOT NULL');
    expect(kept.rows).toHaveLength(1);
    await killMidCall(a, pending);
    await locks.query('ROLLBACK');

    const retried = await call(b, 'requests.create', requestBody(), { token, key });
    expect(retried).toMatchObject({ status: 200 });
    expect(retried.result).toEqual(JSON.parse(kept.rows[0]!.answer) as Result<unknown>);
    const created = valueOf<Created>(retried);
    expect(await all(fx.engine, sql`SELECT id FROM requests`)).toEqual([{ id: created.results[0]!.request.id }]);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'request.create'`)).toEqual({ n: 1 });
    await auditVerifies(fx, call, b);
  });
});
