/** Version 2: the register type reference list from DOMAIN.md, seeded so imports can refer to it. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { REGISTER_TYPES } from '../../../../shared/domain/register-types';

export function updateToSchemaVersion2(db: Database): void {
  const insert = db.prepare(
    `INSERT INTO register_types (code, description, flag, colour, review_months, alert_message, front_sheet_rank)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of REGISTER_TYPES) {
    insert.run(r.code, r.description, r.flag, r.colour, r.reviewMonths, r.alertMessage, r.frontSheetRank);
  }
}
