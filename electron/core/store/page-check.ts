/**
 * Page checks that run without SQLite: the HMAC of chosen pages (the schema pages, when a store
 * is opened) or of every page (in the background after the desktop opens a store). They tell a
 * wrong key (no page is authentic) from a damaged file (some pages are not).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { pageHmacKey, pageHmacMatches } from './cipher-page-check';

/** SQLCipher 4's page size, which every store this app creates uses. */
export const STORE_PAGE_SIZE = 4096;
const SALT_BYTES = 16;
const PAGES_PER_SLICE = 256;

function withFile<T>(path: string, fn: (fd: number, size: number, hmacKey: Buffer) => T, keyHex: string): T {
  const fd = openSync(path, 'r');
  try {
    const salt = Buffer.alloc(SALT_BYTES);
    readSync(fd, salt, 0, SALT_BYTES, 0);
    return fn(fd, fstatSync(fd).size, pageHmacKey(Buffer.from(keyHex, 'hex'), salt));
  } finally {
    closeSync(fd);
  }
}

function pageIsAuthentic(fd: number, pgno: number, hmacKey: Buffer, buf: Buffer): boolean {
  const read = readSync(fd, buf, 0, STORE_PAGE_SIZE, (pgno - 1) * STORE_PAGE_SIZE);
  return read === STORE_PAGE_SIZE && pageHmacMatches(buf, pgno, hmacKey);
}

/** The listed pages (1-based) whose HMAC does not match, in order. Pages beyond the end count as bad. */
export function badPagesAmong(path: string, keyHex: string, pages: readonly number[]): number[] {
  return withFile(path, (fd, _size, hmacKey) => {
    const buf = Buffer.alloc(STORE_PAGE_SIZE);
    return [...new Set(pages)].sort((a, b) => a - b).filter((p) => !pageIsAuthentic(fd, p, hmacKey, buf));
  }, keyHex);
}

/** Whether the key authenticates any of the first `sample` pages: false means it is not this file's key. */
export function keyOpensAnyPage(path: string, keyHex: string, sample = 16): boolean {
  return withFile(path, (fd, size, hmacKey) => {
    const buf = Buffer.alloc(STORE_PAGE_SIZE);
    const pages = Math.min(sample, Math.floor(size / STORE_PAGE_SIZE));
    for (let p = 1; p <= pages; p++) if (pageIsAuthentic(fd, p, hmacKey, buf)) return true;
    return false;
  }, keyHex);
}

/**
 * Every page of the file, a slice at a time with a pause between slices so the app stays responsive;
 * answers the bad page numbers. `stillWanted` lets the caller stop early (the store was closed).
 */
export async function badPagesInBackground(path: string, keyHex: string, stillWanted: () => boolean = () => true): Promise<number[]> {
  const bad: number[] = [];
  const fd = openSync(path, 'r');
  try {
    const salt = Buffer.alloc(SALT_BYTES);
    readSync(fd, salt, 0, SALT_BYTES, 0);
    const hmacKey = pageHmacKey(Buffer.from(keyHex, 'hex'), salt);
    const buf = Buffer.alloc(STORE_PAGE_SIZE);
    // The file may grow while we read; the pages there at the start are the ones checked.
    const pages = Math.floor(fstatSync(fd).size / STORE_PAGE_SIZE);
    for (let first = 1; first <= pages; first += PAGES_PER_SLICE) {
      if (!stillWanted()) break;
      const last = Math.min(pages, first + PAGES_PER_SLICE - 1);
      for (let p = first; p <= last; p++) if (!pageIsAuthentic(fd, p, hmacKey, buf)) bad.push(p);
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    closeSync(fd);
  }
  return bad;
}
