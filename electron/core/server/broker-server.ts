/**
 * `rab serve`: the contract over HTTPS for desktops in other offices and organisations. Fastify
 * does the HTTP work (parsing, body limits, TLS, logging, graceful close); every call still goes
 * through the one `dispatch` (zod contract, session, policy, audit) and answers the same
 * `{ok, value | error}` the desktop's IPC answers.
 *
 *   POST /v1/calls/<channel>   body {"input": …}; `Authorization: Bearer <token>` once signed in;
 *                              `Idempotency-Key` on any call a client may retry
 *   GET  /v1/events            server-sent events: which of the person's views changed (bearer token)
 *   GET  /healthz              the process is up
 *   GET  /readyz               the store answers (a load balancer sends traffic only when ready)
 *
 * A successful sign-in answers the session token once, in the `Broker-Session-Token` header; the
 * server keeps only its hash, in the database, so sessions and idempotent answers hold across
 * servers and restarts (session-tokens.ts, idempotent-calls.ts). Tokens never appear in URLs or
 * logs (the logger redacts the header). While the database cannot be reached, calls answer 503
 * with STORE_UNAVAILABLE (nothing was done; the desktop retries with the same key) and /readyz 503.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Result } from '../../../shared/contract';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { Connection } from '../auth/sessions';
import type { BrokerCore } from '../rpc/broker-core';
import { OWN_TRANSACTIONS, READ_ONLY, type CallJournal } from '../rpc/call-atomicity';
import { storeFailureOf } from '../store/store-failures';
import { IDEMPOTENCY_KEY_SHAPE, IdempotentCalls, type CallAnswer } from './idempotent-calls';
import { LiveFeed } from './live-feed';
import { LiveFeedWakeups } from './live-feed-wakeups';
import { PushStreams } from './push-streams';
import { SessionTokens, tokenHashOf } from './session-tokens';

export const SESSION_TOKEN_HEADER = 'broker-session-token';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_BODY_BYTES = 1024 * 1024;
/** Old idempotent answers and expired sessions are deleted this often (and at start). */
const CLEANUP_MS = 10 * 60 * 1000;
/** What a desktop is told to wait while the database is out of reach. */
const RETRY_AFTER_SECONDS = 2;
/** A comment line this often keeps proxies from closing an idle push connection. */
const HEARTBEAT_MS = 25_000;
/** The refusals of calls the framework could not read, by HTTP status. */
const CLIENT_ERRORS: Record<number, string> = {
  400: 'The call must be a JSON object: {"input": …}, without "__proto__" or "constructor" keys.',
  413: `The call is larger than the broker accepts (${MAX_BODY_BYTES / 1024 / 1024} MiB).`,
  415: 'Calls are JSON: send Content-Type: application/json.',
};
const CHANNEL_SHAPE = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+$/;

export interface ServerTls {
  key: Buffer;
  cert: Buffer;
  /** When given, clients must present a certificate signed by this authority. */
  clientCa?: Buffer;
}

export interface SignInLimits {
  /** Sign-in attempts allowed per window from one address, and for one account. */
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

export interface BrokerServerOptions {
  core: BrokerCore;
  /** null only for development on loopback (`--insecure-loopback`); the CLI enforces that. */
  tls: ServerTls | null;
  /** Structured JSON logs (pino) or none; record contents and secrets are never logged. */
  log?: boolean;
  /** Where logs go (standard output when not given). */
  logStream?: NodeJS.WritableStream;
  signInLimits?: SignInLimits;
  /** Whether the store answers now; /readyz reports it. */
  ready?: () => Promise<boolean>;
  now?: () => number;
  /** How often push connections get a keep-alive line and their sessions are checked (HEARTBEAT_MS). */
  heartbeatMs?: number;
  /**
   * The load balancers' addresses (IPs or CIDR ranges): for calls from them the caller's address is
   * the one they put in X-Forwarded-For, so the per-address sign-in limit counts each desktop, not
   * the balancer. From anyone else the header is ignored (a desktop cannot choose its own address).
   */
  trustProxy?: string[];
  /** How long a retry waits for a claimed call whose server stopped renewing the claim (ABANDONED_MS). */
  abandonedClaimMs?: number;
}

const DEFAULT_LIMITS: SignInLimits = { perAddress: 30, perAccount: 10, windowMs: 15 * 60 * 1000 };

const refusal = (code: ErrorCode, message?: string): Result<never> => ({ ok: false, error: new AppError(code, message).toShape() });

const bearerOf = (req: FastifyRequest): string | null => {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer (\S+)$/.exec(header);
  return match ? match[1]! : '';
};

export async function buildBrokerServer(o: BrokerServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    https: o.tls ? { key: o.tls.key, cert: o.tls.cert, ...(o.tls.clientCa ? { ca: o.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) } : null,
    logger: o.log
      ? { level: 'info', redact: ['req.headers.authorization', `req.headers["${SESSION_TOKEN_HEADER}"]`], ...(o.logStream ? { stream: o.logStream } : {}) }
      : false,
    // Answers 503 to new calls while closing, and waits for calls in flight (graceful shutdown).
    return503OnClosing: true,
    ...(o.trustProxy && o.trustProxy.length > 0 ? { trustProxy: o.trustProxy } : {}),
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(rateLimit, { global: false });
  // Calls are JSON only: anything else is answered 415 before it reaches a handler.
  app.removeContentTypeParser('text/plain');
  // What Fastify refuses before a handler runs (a body that is not JSON, too large, of another type,
  // or carrying a "__proto__" key) is answered in the contract's own shape, so a desktop shows a
  // typed refusal rather than a framework's message; anything else is a bug, logged by its name only.
  app.setErrorHandler((error: { statusCode?: number; name?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(refusal('INVALID_INPUT', CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]));
    req.log.error({ error: error.name ?? 'Error' }, 'a call failed unexpectedly');
    return reply.code(500).send(refusal('INTERNAL'));
  });

  const db = o.core.ctx.db;
  // The core's clock, so sessions kept in the database age as the core's own sessions do.
  const now = o.now ?? (() => o.core.ctx.clock.now());
  const tokens = new SessionTokens(o.core.sessions, db, now);
  const feed = await LiveFeed.start(db);
  const streams = new PushStreams({ feed, db, heartbeatMs: o.heartbeatMs ?? HEARTBEAT_MS, stillSignedIn: async (token) => (await tokens.connectionFor(token)) !== null });
  const wakeups = new LiveFeedWakeups({
    feed,
    db,
    onError: (e) => app.log.error({ task: 'live feed', error: e instanceof Error ? e.name : 'Error' }, 'the live feed could not read changes'),
    onListening: (listening, error) =>
      listening ? app.log.info({ task: 'live feed' }, 'listening for changes made through other servers') : app.log.warn({ task: 'live feed', error }, 'lost the connection that hears other servers; reconnecting'),
  });
  const calls = new IdempotentCalls(db, now, o.abandonedClaimMs);
  const cleanUp = async () => {
    try {
      await calls.forgetOld();
      await tokens.forgetExpired();
    } catch (e) {
      app.log.error({ task: 'cleanup', error: e instanceof Error ? e.name : 'Error' }, 'old answers and sessions could not be deleted; trying again later');
    }
  };
  await cleanUp();
  const cleanupTimer = setInterval(() => void cleanUp(), CLEANUP_MS);
  cleanupTimer.unref();
  // Push connections never finish by themselves: end them first, so closing can drain the calls.
  app.addHook('preClose', async () => {
    clearInterval(cleanupTimer);
    await streams.close();
  });
  app.addHook('onClose', async () => wakeups.close());
  const limits = o.signInLimits ?? DEFAULT_LIMITS;
  /** The database out of reach: a typed 503 the desktop retries (with the same key) until it is back. */
  const unavailable = (reply: FastifyReply, result: Result<unknown>) => reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(result);

  const call = async (channel: string, req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reply.code(400).send(refusal('INVALID_INPUT', 'The call must be a JSON object: {"input": …}.'));
    }
    const bearer = bearerOf(req);
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY_SHAPE.test(key))) {
      return reply.code(400).send(refusal('INVALID_INPUT', 'The Idempotency-Key header must be 16 to 128 letters, digits, hyphens or underscores.'));
    }
    const input = (body as { input?: unknown }).input;
    try {
      let conn: Connection;
      if (bearer === null) conn = o.core.connect();
      else {
        const known = await tokens.connectionFor(bearer);
        if (!known) return reply.code(401).send(refusal('SESSION_EXPIRED'));
        conn = known;
      }
      const run = async (journal?: CallJournal): Promise<CallAnswer> => {
        const hadSession = conn.sessionId !== null;
        const result = await o.core.dispatch(channel, conn, input, journal);
        let issuedToken: string | null = null;
        if (bearer === null && !hadSession && conn.sessionId !== null) issuedToken = await tokens.issue(conn);
        if (bearer !== null && conn.sessionId === null) {
          await tokens.revoke(bearer);
          streams.endConnection(conn);
        } else if (bearer !== null) await tokens.afterCall(bearer);
        await wakeups.afterCall();
        return { result, issuedToken };
      };
      // Scoped to the caller: a token's own calls, or (before sign-in) the address's.
      const id = { scope: bearer === null ? `address:${req.ip}` : `token:${tokenHashOf(bearer)}`, key: key ?? '', channel, input };
      // A read retried just reads again: only calls that change something are journaled.
      const answer =
        typeof key !== 'string' || (READ_ONLY as ReadonlySet<string>).has(channel)
          ? await run()
          : (OWN_TRANSACTIONS as ReadonlySet<string>).has(channel)
            ? await calls.claimedFirst(id, () => run())
            : await calls.inOneTransaction(id, run);
      if (answer.issuedToken) reply.header(SESSION_TOKEN_HEADER, answer.issuedToken);
      if (!answer.result.ok && answer.result.error.code === 'STORE_UNAVAILABLE') return unavailable(reply, answer.result);
      return reply.code(200).send(answer.result);
    } catch (e) {
      const failure = storeFailureOf(e);
      if (failure?.code === 'STORE_UNAVAILABLE') return unavailable(reply, { ok: false, error: failure.toShape() });
      throw e;
    }
  };

  const usernameOf = (req: FastifyRequest): string => {
    const input = (req.body as { input?: { username?: unknown } } | null)?.input;
    return typeof input?.username === 'string' ? input.username.toLowerCase().slice(0, 64) : '';
  };
  // Two counters, both checked on every attempt: the plugin's route hook runs only one limiter per request.
  const perAddress = app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `address:${req.ip}` });
  const perAccount = app.createRateLimit({ max: limits.perAccount, timeWindow: limits.windowMs, keyGenerator: (req) => `account:${usernameOf(req)}` });
  const signInLimits = async (req: FastifyRequest, reply: FastifyReply) => {
    const checks = [await perAddress(req), await perAccount(req)];
    const exceeded = checks.filter((c) => !c.isAllowed && c.isExceeded);
    if (exceeded.length === 0) return;
    const waitMinutes = Math.max(1, Math.ceil(Math.max(...exceeded.map((c) => (c.isAllowed ? 0 : c.ttl))) / 60_000));
    reply.header('retry-after', String(waitMinutes * 60));
    return reply.code(429).send(refusal('ACCOUNT_LOCKED', `Too many sign-in attempts. Try again in ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}.`));
  };

  // Its own route, so the sign-in limits apply to sign-in alone (a static route wins over the parametric one).
  app.post('/v1/calls/auth.signIn', { preHandler: signInLimits }, (req, reply) => call('auth.signIn', req, reply));
  app.post<{ Params: { channel: string } }>('/v1/calls/:channel', async (req, reply) => {
    if (!CHANNEL_SHAPE.test(req.params.channel)) return reply.code(404).send(refusal('UNKNOWN_CHANNEL'));
    return call(req.params.channel, req, reply);
  });
  app.get('/v1/events', async (req, reply) => {
    const bearer = bearerOf(req);
    let conn: Connection | null;
    try {
      conn = bearer ? await tokens.connectionFor(bearer) : null;
    } catch (e) {
      const failure = storeFailureOf(e);
      if (failure?.code === 'STORE_UNAVAILABLE') return unavailable(reply, { ok: false, error: failure.toShape() });
      throw e;
    }
    const session = conn ? o.core.sessions.peek(conn.sessionId) : null;
    if (!conn || !session) return reply.code(401).send(refusal('SESSION_EXPIRED'));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
    res.write('event: ready\ndata: {}\n\n');
    req.raw.on('close', streams.open(res, conn, bearer!, session.userId));
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ready = o.ready ? await o.ready() : true;
    // How this server hears of changes made through the others: at once (LISTEN) or by polling.
    const liveFeed = wakeups.listening ? 'listening' : 'polling';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', liveFeed });
  });
  return app;
}
