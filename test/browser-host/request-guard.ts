/**
 * Who may talk to the browser host. It listens on 127.0.0.1 only, and still: every request must
 * name this host and port (a DNS-rebinding page names its own), and every call must come from a
 * page of this origin carrying the per-run token (which another site cannot read).
 */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-broker-token';
export const CONNECTION_HEADER = 'x-broker-connection';

/** A page's connection id: a random UUID the bridge keeps in sessionStorage. */
export const CONNECTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const allowedOrigins = (port: number): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedOrigins(port).some((origin) => origin === `http://${hostHeader.toLowerCase()}`);
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type CallRefusal = { status: 403 | 400 | 415; reason: string } | null;

/** Checks an API call's headers; null when it may go ahead. */
export function refuseCall(headers: Record<string, string | string[] | undefined>, port: number, token: string): CallRefusal {
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? undefined : v;
  };
  if (!hostAllowed(one('host'), port)) return { status: 403, reason: 'wrong host' };
  if (!originAllowed(one('origin'), port)) return { status: 403, reason: 'wrong origin' };
  if (!tokenMatches(one(TOKEN_HEADER), token)) return { status: 403, reason: 'missing or wrong token' };
  const contentType = one('content-type') ?? '';
  if (!/^application\/json(;|$)/i.test(contentType)) return { status: 415, reason: 'not JSON' };
  if (!CONNECTION_ID.test(one(CONNECTION_HEADER) ?? '')) return { status: 400, reason: 'missing connection id' };
  return null;
}
