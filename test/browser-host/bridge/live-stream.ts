/**
 * The browser host's side of the live updates: the page holds one streamed POST /live to its own
 * host (same origin, so the CSP's connect-src 'self' covers it; the renderer itself opens nothing)
 * and hands each line, one JSON bridge event, to the same fan-out the desktop preload uses. If the
 * stream ends (the host restarted) it is opened again after a pause. Pure (it is given fetch and
 * the timer), so it is tested without a browser.
 */
interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
}

export type StreamFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; credentials: 'omit' },
) => Promise<{ ok: boolean; body: { getReader(): StreamReader } | null }>;

export interface LiveStreamOptions {
  fetch: StreamFetch;
  token: string | null;
  connection: string;
  /** Told each event line as parsed JSON (checked by the receiver). */
  receive: (raw: unknown) => void;
  /** Waits before opening the stream again. */
  later: (run: () => void, ms: number) => void;
  retryMs?: number;
}

export function followLiveStream(o: LiveStreamOptions): void {
  if (!o.token) return;
  const token = o.token;
  const open = async (): Promise<void> => {
    const response = await o.fetch('/live', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Broker-Token': token, 'X-Broker-Connection': o.connection },
      body: '{}',
      credentials: 'omit',
    });
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          o.receive(JSON.parse(line));
        } catch {
          // A line that is not JSON is not an event: skipped.
        }
      }
    }
  };
  const follow = (): void => {
    open().then(
      () => o.later(follow, o.retryMs ?? 1_000),
      () => o.later(follow, o.retryMs ?? 1_000),
    );
  };
  follow();
}
