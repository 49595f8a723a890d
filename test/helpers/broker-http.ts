/**
 * One contract call over HTTPS as a desktop would send it, with the token and idempotency key
 * given explicitly, so a test can carry one desktop's token and key from one server to another.
 */
import { request } from 'node:https';
import type { Result } from '../../shared/contract';

export interface HttpCallAnswer {
  status: number;
  /** The session token a sign-in handed out (Broker-Session-Token), or null. */
  token: string | null;
  result: Result<unknown>;
}

export function httpCall(base: string, ca: Buffer, channel: string, input: unknown, o: { token?: string; key?: string } = {}): Promise<HttpCallAnswer> {
  const body = JSON.stringify({ input });
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.key) headers['idempotency-key'] = o.key;
    const req = request(new URL(`/v1/calls/${channel}`, base), { method: 'POST', ca, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const token = res.headers['broker-session-token'];
        resolve({ status: res.statusCode ?? 0, token: typeof token === 'string' ? token : null, result: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown> });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The value of a successful answer; throws with the error otherwise. */
export function valueOf<T>(answer: HttpCallAnswer): T {
  if (!answer.result.ok) throw new Error(`${answer.result.error.code}: ${answer.result.error.message}`);
  return answer.result.value as T;
}
