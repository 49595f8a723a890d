/**
 * A connected desktop's side of `rab serve`: plain Node, so the Electron main process and the
 * browser host run the same code. It holds the session token (the renderer never sees it), sends
 * each call with an idempotency key and, when the answer is lost (connection refused or dropped,
 * timeout, 502–504), retries with the same key, so the server acts at most once. When the broker
 * stays unreachable the call answers a typed BROKER_UNAVAILABLE instead of throwing.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import { request as plainRequest, Agent as PlainAgent } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { Result } from '../../../shared/contract';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import { AppError } from '../../../shared/errors';

export interface BrokerClientOptions {
  /** https://host:port (http:// only for a loopback development server). */
  baseUrl: string;
  /** The certificate authority to trust instead of the system's, PEM. */
  ca?: Buffer;
  /** Attempts per call before answering BROKER_UNAVAILABLE. */
  attempts?: number;
  timeoutMs?: number;
  /** Told whenever the broker is found reachable or not (for the "cannot reach" banner). */
  onReachability?: (reachable: boolean) => void;
}

interface HttpAnswer {
  status: number;
  token: string | null;
  body: string;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

export type Reach = 'HEALTHY' | 'CERTIFICATE_UNTRUSTED' | 'UNREACHABLE';

/** OpenSSL's verification errors (Node's error codes) for a certificate no trusted authority signed. */
const UNTRUSTED_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

export class BrokerClient {
  private token: string | null = null;
  private readonly url: URL;
  private readonly agent: Agent | PlainAgent;

  constructor(private readonly o: BrokerClientOptions) {
    this.url = new URL(o.baseUrl);
    if (this.url.protocol === 'https:') this.agent = new Agent({ keepAlive: true, ...(o.ca ? { ca: o.ca } : {}) });
    else if (this.url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(this.url.hostname)) this.agent = new PlainAgent({ keepAlive: true });
    else throw new AppError('INVALID_INPUT', 'The broker address must start with https:// (http:// only on this computer, for development).');
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  /** One contract call; `idempotencyKey` is fixed per logical call so every retry carries the same one. */
  async call(channel: string, input: unknown, idempotencyKey: string = randomUUID()): Promise<Result<unknown>> {
    const body = JSON.stringify(input === undefined ? {} : { input });
    const attempts = this.o.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer | null = null;
      try {
        answer = await this.post(`/v1/calls/${encodeURIComponent(channel)}`, body, idempotencyKey);
      } catch {
        answer = null; // no answer at all: the call may or may not have run, so retry with the same key
      }
      if (answer && !RETRY_STATUSES.has(answer.status)) {
        this.o.onReachability?.(true);
        return this.accept(channel, answer);
      }
      if (attempt >= attempts) {
        this.o.onReachability?.(false);
        return { ok: false, error: new AppError('BROKER_UNAVAILABLE').toShape() };
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
  }

  close(): void {
    this.agent.destroy();
  }

  /** Whether the broker answers its health check now (one attempt, no retries). */
  async health(timeoutMs = 5_000): Promise<boolean> {
    return (await this.reach(timeoutMs)) === 'HEALTHY';
  }

  /**
   * What one health check finds (no retries): the broker healthy, its certificate signed by no
   * authority trusted here (the one given, or the system's), or no healthy answer at all. First run
   * tells a wrong certificate authority from a wrong address this way.
   */
  reach(timeoutMs = 5_000): Promise<Reach> {
    const send = this.url.protocol === 'https:' ? request : plainRequest;
    return new Promise((resolve) => {
      const req = send(new URL('/healthz', this.url), { method: 'GET', agent: this.agent, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve(res.statusCode === 200 ? 'HEALTHY' : 'UNREACHABLE');
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code && UNTRUSTED_ISSUER.has(e.code) ? 'CERTIFICATE_UNTRUSTED' : 'UNREACHABLE'));
      req.end();
    });
  }

  /**
   * Holds the push connection while signed in: `onUpdate` hears which views changed, `onOpen` each
   * time the connection is (re)established (refresh everything then: updates may have been missed).
   * Reconnects with a growing pause after a drop; `onSessionEnded` hears that the broker no longer
   * knows the token (then it stops). Returns the function that stops it.
   */
  subscribe(onUpdate: (update: LiveUpdate) => void, onOpen: () => void = () => {}, onSessionEnded: () => void = () => {}): () => void {
    let stopped = false;
    let current: { destroy(): void } | null = null;
    let pause = 250;
    const connect = () => {
      if (stopped || !this.token) return;
      const send = this.url.protocol === 'https:' ? request : plainRequest;
      const req = send(new URL('/v1/events', this.url), { method: 'GET', agent: false, ...(this.o.ca ? { ca: this.o.ca } : {}), headers: { accept: 'text/event-stream', authorization: `Bearer ${this.token}` } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          if (res.statusCode === 401) {
            this.token = null;
            onSessionEnded();
          }
          return;
        }
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === 'ready') {
              pause = 250;
              this.o.onReachability?.(true);
              onOpen();
            } else if (event.event === 'update') onUpdate(JSON.parse(event.data) as LiveUpdate);
          },
        });
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parser.feed(chunk));
      });
      // A push connection that cannot be made means the broker cannot be reached (for the banner).
      req.on('error', () => {
        if (!stopped) this.o.onReachability?.(false);
      });
      req.on('close', () => {
        current = null;
        if (stopped || !this.token) return;
        pause = Math.min(pause * 2, 10_000);
        setTimeout(connect, pause).unref();
      });
      req.end();
      current = req;
    };
    connect();
    return () => {
      stopped = true;
      current?.destroy();
    };
  }

  private accept(channel: string, answer: HttpAnswer): Result<unknown> {
    if (answer.token) this.token = answer.token;
    let result: Result<unknown>;
    try {
      result = JSON.parse(answer.body) as Result<unknown>;
    } catch {
      return { ok: false, error: new AppError('INTERNAL', 'The broker answered something that is not JSON.').toShape() };
    }
    if (!result.ok && (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_SIGNED_IN')) this.token = null;
    if (channel === 'auth.signOut' && result.ok) this.token = null;
    return result;
  }

  private post(path: string, body: string, idempotencyKey: string): Promise<HttpAnswer> {
    const send = this.url.protocol === 'https:' ? request : plainRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        new URL(path, this.url),
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.o.timeoutMs ?? 15_000,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': idempotencyKey,
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const token = res.headers['broker-session-token'];
            resolve({ status: res.statusCode ?? 0, token: typeof token === 'string' ? token : null, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
