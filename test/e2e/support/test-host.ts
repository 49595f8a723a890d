/**
 * A browser host of its own for each test: a fresh demonstration store, the clock frozen at a
 * Monday morning, so tests that move time cannot disturb each other. Started as a child process
 * (the renderer is built once, by scripts/test-browser.sh) and stopped by its process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Monday 2 March 2026, 10:00 in London (GMT): inside working hours. */
export const TEST_START = '2026-03-02T10:00:00Z';
export const DEMO_PASSWORD = 'demonstration';

export interface Answer<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

export interface ApiUser {
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  attempt<T = unknown>(channel: string, input?: unknown): Promise<Answer<T>>;
}

export class TestHost {
  readonly origin: string;
  private readonly token: string;
  private readonly users = new Map<string, ApiUser>();

  constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly scratch: string,
  ) {
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.token = parsed.hash.replace('#token=', '');
  }

  /** A call over HTTP from a connection of its own, as a page would make it. */
  private async post(connection: string, channel: string, input: unknown): Promise<Answer> {
    const response = await fetch(`${this.origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { origin: this.origin, 'content-type': 'application/json', 'x-broker-token': this.token, 'x-broker-connection': connection },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
    if (!response.ok) throw new Error(`The host refused ${channel}: HTTP ${response.status}`);
    return (await response.json()) as Answer;
  }

  /** Someone working through the API rather than a page (to set a scene or look something up). */
  as(username: string): ApiUser {
    const known = this.users.get(username);
    if (known) return known;
    const connection = randomUUID();
    const ensureSignedIn = async () => {
      const status = (await this.post(connection, 'auth.status', {})) as Answer<{ state: string }>;
      if (status.value.state === 'SIGNED_IN') return;
      const signIn = await this.post(connection, 'auth.signIn', { username, password: DEMO_PASSWORD });
      if (!signIn.ok) throw new Error(`${username} could not sign in: ${signIn.error?.message}`);
    };
    const attempt = async <T>(channel: string, input?: unknown) => {
      await ensureSignedIn();
      return (await this.post(connection, channel, input)) as Answer<T>;
    };
    const user: ApiUser = {
      attempt,
      call: async <T>(channel: string, input?: unknown) => {
        const answer = await attempt<T>(channel, input);
        if (!answer.ok) throw new Error(`${username} ${channel}: ${answer.error?.code} ${answer.error?.message}`);
        return answer.value;
      },
    };
    this.users.set(username, user);
    return user;
  }

  /** Moves the core's clock and runs the sweep, as the desktop app's timer would. */
  async advanceClock(minutes: number): Promise<number> {
    const moved = (await this.post(randomUUID(), 'dev.advanceClock', { minutes })) as Answer<{ now: number }>;
    await this.post(randomUUID(), 'dev.sweep', {});
    return moved.value.now;
  }

  async now(): Promise<number> {
    return ((await this.post(randomUUID(), 'dev.clock', {})) as Answer<{ now: number }>).value.now;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** The embedded default: a fresh temporary demonstration store with the clock frozen at TEST_START. */
const EMBEDDED_TEST_STORE = ['--frozen', '--history', '0', '--clock', TEST_START];

/** Starts a browser host; `mode` replaces the embedded test store (e.g. `--broker URL --ca FILE` for a connected desktop). */
export async function startTestHost(mode: readonly string[] = EMBEDDED_TEST_STORE): Promise<TestHost> {
  const scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-'));
  const urlFile = join(scratch, 'url');
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/browser-host/main.ts', '--no-build', ...mode, '--url-file', urlFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  for (let waited = 0; waited < 90_000; waited += 100) {
    if (existsSync(urlFile)) {
      const url = readFileSync(urlFile, 'utf8').trim();
      if (url) return new TestHost(url, child, scratch);
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
  throw new Error(`The browser host did not start:\n${output.join('')}`);
}
