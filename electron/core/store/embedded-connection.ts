/**
 * The embedded store's own connection, for the few jobs only the embedded engine does and that
 * need its native API: online backups (VACUUM INTO), the bulk first import, the raw audit-chain
 * walk of `rab audit verify` and page checks. Everything else speaks to either engine through the
 * seam in sql.ts; no module outside store/ imports a driver.
 */
export type { Database as EmbeddedConnection, Statement as EmbeddedStatement } from 'better-sqlite3-multiple-ciphers';
