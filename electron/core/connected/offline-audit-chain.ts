/**
 * A connected desktop's local hash chain of offline reads, one chain per person: each read's hash is
 * SHA-256 over the previous read's hash and the read's canonical text (the same text the broker
 * recomputes on upload, shared/contract/offline.ts), so a read removed, changed or reordered on the
 * desktop is refused by the broker. Appended inside the transaction that shows the read.
 */
import { offlineReadCanonical, type OfflineRead } from '../../../shared/contract/offline';
import { chainHash, GENESIS_HASH } from '../audit/audit-log';
import type { EmbeddedConnection } from '../store/embedded-connection';

interface ReadRow {
  seq: number;
  at: number;
  crn: string;
  grant_id: number;
  sections: string;
  prev_hash: string;
  hash: string;
}

export class OfflineAuditChain {
  constructor(private readonly db: EmbeddedConnection) {}

  /** Appends one read; the caller holds the transaction that also shows it. */
  append(chainId: string, username: string, read: { at: number; crn: string; grantId: number; sections: OfflineRead['sections'] }): OfflineRead {
    const head = this.db.prepare('SELECT seq, hash FROM offline_reads WHERE chain_id = ? ORDER BY seq DESC LIMIT 1').get(chainId) as { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, offlineReadCanonical(chainId, username, { seq, ...read }));
    this.db
      .prepare('INSERT INTO offline_reads (chain_id, seq, username, at, crn, grant_id, sections, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(chainId, seq, username, read.at, read.crn, read.grantId, JSON.stringify(read.sections), prevHash, hash);
    return { seq, ...read, prevHash, hash };
  }

  /** The reads of this chain not yet recorded by the broker, oldest first. */
  pending(chainId: string): OfflineRead[] {
    const rows = this.db.prepare('SELECT seq, at, crn, grant_id, sections, prev_hash, hash FROM offline_reads WHERE chain_id = ? AND uploaded = 0 ORDER BY seq').all(chainId) as ReadRow[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, crn: r.crn, grantId: r.grant_id, sections: JSON.parse(r.sections) as OfflineRead['sections'], prevHash: r.prev_hash, hash: r.hash }));
  }

  /** The broker has recorded the chain up to `seq`: only the newest read stays, as the head the next one links to. */
  markUploaded(chainId: string, seq: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE offline_reads SET uploaded = 1 WHERE chain_id = ? AND seq <= ?').run(chainId, seq);
      this.db.prepare('DELETE FROM offline_reads WHERE chain_id = ? AND uploaded = 1 AND seq < ?').run(chainId, seq);
    })();
  }
}
