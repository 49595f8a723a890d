/**
 * Checks the HMAC of every page of an SQLCipher 4 store file (and of every current frame of its
 * WAL), as the cipher itself does when it reads a page.
 *
 * SQLite3 Multiple Ciphers, the cipher in better-sqlite3-multiple-ciphers, has no
 * `PRAGMA cipher_integrity_check` (that is SQLCipher's own), and `PRAGMA integrity_check` only
 * reads pages in use. So this reads every page and recomputes its HMAC exactly as the codec does
 * (cipher_sqlcipher.c, legacy=4): HMAC-SHA512 over the encrypted page and its IV, then the page
 * number as 4 little-endian bytes, keyed by PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 rounds, 32 bytes).
 */
import { createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

const SALT_BYTES = 16;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const RESERVED = IV_BYTES + HMAC_BYTES;
const HMAC_SALT_MASK = 0x3a;
const FAST_KDF_ITERATIONS = 2;
const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;
const PAGES_PER_READ = 256;

export interface PageCheckResult {
  pages: number;
  /** Page numbers whose HMAC does not match (1-based). */
  badPages: number[];
  walFrames: number;
  /** WAL frame numbers (1-based) whose page HMAC does not match. */
  badWalFrames: number[];
}

export function checkCipherPages(path: string, keyHex: string, pageSize: number): PageCheckResult {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const salt = Buffer.alloc(SALT_BYTES);
    readSync(fd, salt, 0, SALT_BYTES, 0);
    const hmacKey = pageHmacKey(Buffer.from(keyHex, 'hex'), salt);
    const pages = Math.floor(size / pageSize);
    const badPages: number[] = [];
    const buf = Buffer.alloc(pageSize * PAGES_PER_READ);
    for (let first = 1; first <= pages; first += PAGES_PER_READ) {
      const count = Math.min(PAGES_PER_READ, pages - first + 1);
      readSync(fd, buf, 0, count * pageSize, (first - 1) * pageSize);
      for (let k = 0; k < count; k++) {
        const pgno = first + k;
        if (!pageHmacMatches(buf.subarray(k * pageSize, (k + 1) * pageSize), pgno, hmacKey)) badPages.push(pgno);
      }
    }
    const wal = checkWal(`${path}-wal`, hmacKey, pageSize);
    return { pages, badPages, ...wal };
  } finally {
    closeSync(fd);
  }
}

export function pageHmacKey(key: Buffer, salt: Buffer): Buffer {
  const hmacSalt = Buffer.from(salt.map((b) => b ^ HMAC_SALT_MASK));
  return pbkdf2Sync(key, hmacSalt, FAST_KDF_ITERATIONS, 32, 'sha512');
}

export function pageHmacMatches(page: Buffer, pgno: number, hmacKey: Buffer): boolean {
  const n = page.length - RESERVED;
  const offset = pgno === 1 ? SALT_BYTES : 0;
  const pgnoLe = Buffer.alloc(4);
  pgnoLe.writeUInt32LE(pgno);
  const mac = createHmac('sha512', hmacKey)
    .update(page.subarray(offset, n + IV_BYTES))
    .update(pgnoLe)
    .digest();
  return timingSafeEqual(mac, page.subarray(n + IV_BYTES, n + IV_BYTES + HMAC_BYTES));
}

/**
 * Frames of the current WAL generation (their salts match the WAL header); older frames left
 * behind after a checkpoint are ignored by SQLite, and so are they here.
 */
function checkWal(path: string, hmacKey: Buffer, pageSize: number): { walFrames: number; badWalFrames: number[] } {
  if (!existsSync(path)) return { walFrames: 0, badWalFrames: [] };
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < WAL_HEADER) return { walFrames: 0, badWalFrames: [] };
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const salt = header.subarray(16, 24);
    const frameSize = WAL_FRAME_HEADER + pageSize;
    const frame = Buffer.alloc(frameSize);
    const badWalFrames: number[] = [];
    let walFrames = 0;
    for (let at = WAL_HEADER, n = 1; at + frameSize <= size; at += frameSize, n++) {
      readSync(fd, frame, 0, frameSize, at);
      if (!frame.subarray(8, 16).equals(salt)) break;
      walFrames++;
      const pgno = frame.readUInt32BE(0);
      if (!pageHmacMatches(frame.subarray(WAL_FRAME_HEADER), pgno, hmacKey)) badWalFrames.push(n);
    }
    return { walFrames, badWalFrames };
  } finally {
    closeSync(fd);
  }
}
