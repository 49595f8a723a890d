/**
 * A connected desktop's local hash chain of offline reads and offline sign-ins, one chain per
 * person: each entry's hash is SHA-256 over the previous entry's hash and its canonical text (the
 * same text the broker recomputes on upload, shared/contract/offline.ts), so an entry removed,
 * changed or reordered on the desktop is refused by the broker. Appended inside the transaction
 * that shows the read or opens the offline session.
 */
import { offlineReadCanonical, offlineSignInCanonical, type OfflineChainEntry, type OfflineRead, type OfflineSignIn } from '../../../shared/contract/offline';
import { chainHash, GENESIS_HASH } from '../audit/audit-log';
import type { EmbeddedConnection } from '../store/embedded-connection';

interface EntryRow {
  seq: number;
  kind: 'read' | OfflineSignIn['kind'];
  at: number;
  crn: string | null;
  grant_id: number | null;
  sections: string | null;
  prev_hash: string;
  hash: string;
}

export class OfflineAuditChain {
  constructor(private readonly db: EmbeddedConnection) {}

  /** Appends one read; the caller holds the transaction that also shows it. */
  append(chainId: string, username: string, read: { at: number; crn: string; grantId: number; sections: OfflineRead['sections'] }): OfflineRead {
    const { seq, prevHash } = this.head(chainId);
    const hash = chainHash(prevHash, offlineReadCanonical(chainId, username, { seq, ...read }));
    this.db
      .prepare("INSERT INTO offline_reads (chain_id, seq, username, kind, at, crn, grant_id, sections, prev_hash, hash) VALUES (?, ?, ?, 'read', ?, ?, ?, ?, ?, ?)")
      .run(chainId, seq, username, read.at, read.crn, read.grantId, JSON.stringify(read.sections), prevHash, hash);
    return { seq, ...read, prevHash, hash };
  }

  /** Appends an offline sign-in (or a failed attempt); the caller holds the transaction that opens the session. */
  appendSignIn(chainId: string, username: string, at: number, kind: OfflineSignIn['kind']): OfflineSignIn {
    const { seq, prevHash } = this.head(chainId);
    const hash = chainHash(prevHash, offlineSignInCanonical(chainId, username, { seq, at, kind }));
    this.db.prepare('INSERT INTO offline_reads (chain_id, seq, username, kind, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(chainId, seq, username, kind, at, prevHash, hash);
    return { seq, at, kind, prevHash, hash };
  }

  /** The entries of this chain not yet recorded by the broker, oldest first. */
  pending(chainId: string): OfflineChainEntry[] {
    const rows = this.db.prepare('SELECT seq, kind, at, crn, grant_id, sections, prev_hash, hash FROM offline_reads WHERE chain_id = ? AND uploaded = 0 ORDER BY seq').all(chainId) as EntryRow[];
    return rows.map((r): OfflineChainEntry =>
      r.kind === 'read'
        ? { seq: r.seq, at: r.at, crn: r.crn!, grantId: r.grant_id!, sections: JSON.parse(r.sections!) as OfflineRead['sections'], prevHash: r.prev_hash, hash: r.hash }
        : { seq: r.seq, at: r.at, kind: r.kind, prevHash: r.prev_hash, hash: r.hash },
    );
  }

  /** The broker has recorded the chain up to `seq`: only the newest entry stays, as the head the next one links to. */
  markUploaded(chainId: string, seq: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE offline_reads SET uploaded = 1 WHERE chain_id = ? AND seq <= ?').run(chainId, seq);
      this.db.prepare('DELETE FROM offline_reads WHERE chain_id = ? AND uploaded = 1 AND seq < ?').run(chainId, seq);
    })();
  }

  private head(chainId: string): { seq: number; prevHash: string } {
    const head = this.db.prepare('SELECT seq, hash FROM offline_reads WHERE chain_id = ? ORDER BY seq DESC LIMIT 1').get(chainId) as { seq: number; hash: string } | undefined;
    return { seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  }
}
