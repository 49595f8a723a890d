/**
 * Whether the core may still use its store. The first sign of damage (a page failing the cipher's
 * HMAC check, "malformed", "not a database"), whether met by a call, the sweep or the background
 * page check, puts the store in a refused state: every later call is answered STORE_DAMAGED
 * without touching the file, so a damaged store is never written to again. The damage itself is
 * audited if the store still takes that one write.
 */
import type { Db } from '../store/sql';
import { AppError } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';

export class StoreHealth {
  private refusal: AppError | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** The answer every call gets once the store is refused; null while it is healthy. */
  get refused(): AppError | null {
    return this.refusal;
  }

  /** Refuses the store from now on; `where` says what found the damage, for the audit entry and log. */
  async refuse(where: string, detail: string): Promise<AppError> {
    if (this.refusal) return this.refusal;
    this.refusal = new AppError('STORE_DAMAGED');
    try {
      // Called between calls: a call in flight has already been rolled back by its own transaction.
      await appendAuditEvent(this.db, { at: this.now(), actor: 'system', action: 'store.damaged', details: { where, detail: detail.slice(0, 200) } });
    } catch {
      // The damage may be where the audit log is: the refusal stands without its entry.
    }
    return this.refusal;
  }
}
