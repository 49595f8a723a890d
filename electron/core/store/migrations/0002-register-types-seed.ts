/** Version 2: the register type reference list from DOMAIN.md, seeded so imports can refer to it. */
import { REGISTER_TYPES } from '../../../../shared/domain/register-types';
import type { MigrationScript } from '../engine/migration-script';
import { sql } from '../engine/sql-fragment';

export function updateToSchemaVersion2(m: MigrationScript): void {
  for (const r of REGISTER_TYPES) {
    m.statement(sql`INSERT INTO register_types (code, description, flag, colour, review_months, alert_message, front_sheet_rank)
     VALUES (${r.code}, ${r.description}, ${r.flag}, ${r.colour}, ${r.reviewMonths}, ${r.alertMessage}, ${r.frontSheetRank})`);
  }
}
