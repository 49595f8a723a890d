/**
 * The development and test host: the renderer in an ordinary browser, talking to the real core.
 * Plain node:http on 127.0.0.1. It serves the built renderer with the app's CSP, the bridge script
 * that gives the page the same window.broker as the desktop preload, and POST /rpc/<channel>,
 * which needs this run's token and a same-origin page, and POST /live, the page's live updates
 * (one JSON bridge event a line, streamed while the page is open). Never part of the packaged app.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeListener } from '../../shared/contract/broker-connection';
import type { Result } from '../../shared/contract/define';
import { AppError } from '../../shared/errors';
import type { Connection } from '../../electron/core/auth/sessions';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';
import { CONNECTION_HEADER, hostAllowed, refuseCall } from './request-guard';
import { staticFile } from './static-files';

export type HostDispatch = (channel: string, conn: Connection, rawInput: unknown) => Promise<Result<unknown>>;

export type HostSubscribe = (conn: Connection, listener: BridgeListener) => () => void;

export interface BrowserHostOptions {
  dispatch: HostDispatch;
  /** The page's live updates and connection status (the same subscription the desktop preload offers). */
  subscribe?: HostSubscribe;
  /** The folder holding the built renderer (index.html, assets/) and bridge.js. */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface BrowserHost {
  port: number;
  token: string;
  /** Where a person opens the app: the token travels in the fragment, which is never sent to a server. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
/** Pages keep their connection while open; beyond this many the oldest are forgotten. */
const MAX_CONNECTIONS = 500;

const SECURITY_HEADERS: Record<string, string> = {
  // frame-ancestors works only as a header, so it is added here to the app's own policy.
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const CHANNEL_PATH = /^\/rpc\/([a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+)$/;

function send(res: ServerResponse, status: number, type: string, body: Buffer | string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        // Answer at once; the rest of the body is read and dropped so the answer can be sent.
        resolve(null);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const connections = new Map<string, Connection>();
  let port = o.port ?? 0;

  const connectionFor = (id: string): Connection => {
    let conn = connections.get(id);
    if (!conn) {
      conn = { id, sessionId: null };
      connections.set(id, conn);
      if (connections.size > MAX_CONNECTIONS) connections.delete(connections.keys().next().value!);
    }
    return conn;
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    const refusal = refuseCall(req.headers, port, token);
    if (refusal) {
      o.log?.(`Refused a call to ${channel}: ${refusal.reason}.`);
      return send(res, refusal.status, 'text/plain; charset=utf-8', 'Refused.');
    }
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return send(res, 413, 'text/plain; charset=utf-8', 'Too large.');
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      envelope = null;
    }
    // The bridge wraps the one argument as {input}; a missing input stands for undefined.
    const result: Result<unknown> =
      typeof envelope === 'object' && envelope !== null && !Array.isArray(envelope)
        ? await o.dispatch(channel, connectionFor(String(req.headers[CONNECTION_HEADER])), (envelope as { input?: unknown }).input)
        : { ok: false, error: new AppError('INVALID_INPUT', 'The call was not a JSON object.').toShape() };
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  };

  /** Streams the page's bridge events until the page goes (a POST, so the browser sends its Origin). */
  const handleLive = (req: IncomingMessage, res: ServerResponse): void => {
    const refusal = refuseCall(req.headers, port, token);
    if (refusal || !o.subscribe) return send(res, refusal?.status ?? 404, 'text/plain; charset=utf-8', 'Refused.');
    req.resume();
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/x-ndjson; charset=utf-8' });
    const stop = o.subscribe(connectionFor(String(req.headers[CONNECTION_HEADER])), (event) => res.write(`${JSON.stringify(event)}\n`));
    res.on('close', stop);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (!hostAllowed(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Refused.');
    if (req.method === 'POST' && url.pathname === '/live') return handleLive(req, res);
    const call = CHANNEL_PATH.exec(url.pathname);
    if (req.method === 'POST' && call) {
      handleCall(req, res, call[1]!).catch((e: unknown) => {
        o.log?.(`A call to ${call[1]} failed: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Failed.');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Not allowed.');
    const file = staticFile(o.staticDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
      return res.end();
    }
    send(res, 200, file.type, file.body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
