/**
 * `rab users import-demo`: creates the demonstration accounts listed in demo-users.csv (written by
 * `rab seed --demo-users`), all with the one password given, all or none.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../store/sql';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../shared/errors';
import { DEMO_USERS_FILE } from '../import/export-format';
import { DEMO_USER_COLUMNS, ROLE_SEPARATOR } from '../seed/demo-users';
import { insertUsers, prepareUser, type CreatedUser, type CreateOptions } from './create-user';

const MAX_FILE_BYTES = 64 * 1024;

interface DemoUserRow {
  username: string;
  roles: string;
  staff_code: string;
  description: string;
}

export async function importDemoUsers(db: Db, dir: string, password: string, opts: CreateOptions): Promise<CreatedUser[]> {
  const path = join(resolve(dir), DEMO_USERS_FILE);
  if (!existsSync(path)) {
    throw new AppError('IMPORT_SET_NOT_FOUND', `There is no ${DEMO_USERS_FILE} in ${resolve(dir)}. Write one with: rab seed --demo-users …`);
  }
  if (statSync(path).size > MAX_FILE_BYTES) throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} is too large to be a list of demonstration accounts.`);
  const rows = readRows(path);
  const prepared = [];
  for (const [i, row] of rows.entries()) {
    try {
      prepared.push(
        await prepareUser(db, {
          username: row.username,
          roles: row.roles.split(ROLE_SEPARATOR).map((r) => r.trim()).filter(Boolean),
          staffCode: row.staff_code || null,
          password,
        }),
      );
    } catch (e) {
      // A bad password is the same for every row: say so once, without a row number.
      if (e instanceof AppError && e.code.startsWith('PASSWORD')) throw e;
      if (e instanceof AppError) throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} row ${i + 1} (${row.username}): ${e.message} No accounts were created.`);
      throw e;
    }
  }
  try {
    return await insertUsers(db, prepared, opts);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${e.message} No accounts were created.`);
    throw e;
  }
}

function readRows(path: string): DemoUserRow[] {
  let records: string[][];
  try {
    records = parse(readFileSync(path), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} is not valid CSV (${e instanceof Error ? e.message : String(e)}).`);
  }
  const [header, ...data] = records;
  if (!header || header.join(',') !== DEMO_USER_COLUMNS.join(',')) {
    throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} must start with the header ${DEMO_USER_COLUMNS.join(',')}.`);
  }
  if (data.length === 0) throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} lists no accounts.`);
  return data.map((fields, i) => {
    if (fields.length !== DEMO_USER_COLUMNS.length) {
      throw new AppError('DEMO_USERS_INVALID', `${DEMO_USERS_FILE} row ${i + 1} has ${fields.length} fields, but the header has ${DEMO_USER_COLUMNS.length}.`);
    }
    const [username, roles, staff_code, description] = fields.map((f) => f.trim()) as [string, string, string, string];
    return { username, roles, staff_code, description };
  });
}
