/**
 * Read-only copies of the pages of a person's lists that they loaded online (their requests, their
 * access, an owner's inbox, the hub's queue), each kept under the exact question asked (filter,
 * offset, page size, as the contract reads it), so offline the same screens page through the same
 * pages. Up to MAX_PAGES_PER_LIST pages of each list are kept, the most recently loaded; they go
 * with the person's sections (sign-out, deactivation, past the window, the clock going back).
 */
import { CONTRACT, isChannelName } from '../../../shared/contract';
import { canonicalJson } from '../audit/canonical-json';
import type { EmbeddedConnection } from '../store/embedded-connection';

/**
 * Pages kept per list and person. The screens load up to 500 rows a page (My access) or 100 (My
 * requests, page after page), so this covers 5,000 requests or 25,000 grants: more than anyone holds.
 */
export const MAX_PAGES_PER_LIST = 50;

/** The question a page answers, as the contract reads it (defaults filled in), or null when it is not one. */
export function pageKey(channel: string, input: unknown): string | null {
  if (!isChannelName(channel)) return null;
  const parsed = CONTRACT[channel].input.safeParse(input ?? {});
  return parsed.success ? canonicalJson(parsed.data) : null;
}

export class OfflineLists {
  constructor(private readonly db: EmbeddedConnection) {}

  /** A page as the broker answered it; the oldest pages beyond the cap go. */
  keep(username: string, channel: string, key: string, answer: unknown, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO cached_lists (username, channel, page_key, kept_at, answer) VALUES (?, ?, ?, ?, ?)')
        .run(username, channel, key, now, JSON.stringify(answer));
      this.db
        .prepare(`DELETE FROM cached_lists WHERE username = ? AND channel = ? AND page_key NOT IN (
                    SELECT page_key FROM cached_lists WHERE username = ? AND channel = ? ORDER BY kept_at DESC, rowid DESC LIMIT ${MAX_PAGES_PER_LIST})`)
        .run(username, channel, username, channel);
    })();
  }

  /** The page as last loaded, or null when it never was (or has gone with the window). */
  page(username: string, channel: string, key: string): unknown {
    const held = this.db.prepare('SELECT answer FROM cached_lists WHERE username = ? AND channel = ? AND page_key = ?').pluck().get(username, channel, key) as string | undefined;
    return held ? (JSON.parse(held) as unknown) : null;
  }

  /** Every page of one list goes (a grant it shows was revoked or ended). */
  drop(username: string, channel: string): void {
    this.db.prepare('DELETE FROM cached_lists WHERE username = ? AND channel = ?').run(username, channel);
  }
}
