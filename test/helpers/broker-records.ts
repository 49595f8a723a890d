/** The people, registrations, assessments and allocations of the broker cast (all synthetic). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CAST, PEOPLE, PROGRAMME_CODE, PROGRAMME_CRNS } from './broker-cast';

const NAMES = ['Aaron', 'Bilal', 'Callum', 'Darius', 'Elliot', 'Fraser', 'Gareth', 'Harvey', 'Idris', 'Jamal', 'Kieran', 'Liam'];

export function seedBrokerRecords(db: Database, now: number): void {
  db.transaction(() => {
    const person = db.prepare(
      `INSERT INTO people (crn, forename, surname, dob, gender, tier, owner_staff_code, managing_sector) VALUES (?, ?, ?, '1990-05-17', 'M', ?, ?, 'NPS')`,
    );
    for (const p of Object.values(PEOPLE)) person.run(p.crn, p.forename, p.surname, 'B2', p.owner ? CAST[p.owner].staffCode : null);
    PROGRAMME_CRNS.forEach((crn, i) => person.run(crn, NAMES[i]!, 'Group', 'C1', (i < 8 ? CAST.olivia : CAST.alex).staffCode));

    const reg = db.prepare(
      `INSERT INTO registrations (id, crn, type_code, level, category, start_date, next_review_date, end_date, notes) VALUES (?, ?, ?, ?, ?, '2025-06-01', '2026-06-01', NULL, ?)`,
    );
    reg.run('r1', PEOPLE.warrant.crn, 'RHRH', null, null, null);
    reg.run('r2', PEOPLE.warrant.crn, 'AV2S', null, null, 'Assaulted a female officer in 2024.');
    reg.run('r3', PEOPLE.warrant.crn, 'WRSM', null, null, 'Recall issued 27 Feb 2026.');
    reg.run('r4', PEOPLE.warrant.crn, 'STRG', null, null, null);
    reg.run('r5', PEOPLE.allocated.crn, 'RMRH', null, null, null);
    reg.run('r6', PEOPLE.allocated.crn, 'AV2S', null, null, 'Do not see alone.');
    reg.run('r7', PEOPLE.veryHigh.crn, 'RVHR', null, null, null);
    reg.run('r8', PEOPLE.veryHigh.crn, 'MAPP', 'M2', 'M1', null);
    reg.run('r9', PEOPLE.restricted.crn, 'RHRH', null, null, null);
    db.prepare(`INSERT INTO registrations (id, crn, type_code, start_date, end_date) VALUES ('r10', ?, 'ALSH', '2020-01-01', '2021-01-01')`).run(PEOPLE.warrant.crn);

    const assessment = db.prepare(
      `INSERT INTO assessments (id, crn, completed_date, sum1_who_at_risk, sum2_nature_of_risk, sum3_imminence, sum4_risk_increasers, sum5_risk_reducers,
         rosh_children_community, rosh_public_community, rosh_known_adult_community, rosh_staff_community,
         rmp_current_situation, rmp_supervision, rmp_contingency, ogrs3_1yr, ogrs3_2yr, rsr)
       VALUES (?, ?, '2026-01-10', 'Female staff and ex-partner.', 'Physical violence when challenged.', 'Could happen at any time if recalled.',
         'Alcohol, loss of housing.', 'Stable work.', 'LOW', 'MEDIUM', 'HIGH', 'HIGH',
         'Living at approved premises.', 'Weekly appointments, two staff present.', 'Contact police if he fails to report.', 34.5, 51.2, 4.1)`,
    );
    for (const p of Object.values(PEOPLE)) assessment.run(`a-${p.crn}`, p.crn);
    db.prepare(`INSERT INTO sentences (id, crn, description, length_months, start_date, requirements) VALUES ('s1', ?, 'Community order', 24, '2025-05-01', 'RAR 20 days; unpaid work 150 hours')`).run(PEOPLE.warrant.crn);

    const allocation = db.prepare(
      `INSERT INTO allocations (id, crn, staff_code, kind, description, programme_code, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    allocation.run('al-1', PEOPLE.allocated.crn, CAST.alan.staffCode, 'REQUIREMENT', 'Unpaid work supervision', null, '2026-02-01', '2026-04-30');
    PROGRAMME_CRNS.forEach((crn, i) => allocation.run(`al-p${i}`, crn, CAST.tara.staffCode, 'PROGRAMME', 'Thinking Skills Programme', PROGRAMME_CODE, '2026-02-23', '2026-06-30'));

    db.prepare(`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('ex-1', ?, ?, ?, NULL, 'Family member', ?)`).run(
      PEOPLE.excluded.crn,
      CAST.eve.staffCode,
      now - 365 * 86_400_000,
      'You are excluded from this record: a conflict of interest is recorded. Speak to your line manager.',
    );
    db.prepare(`INSERT INTO lao_restrictions (id, crn, staff_code, start_at, end_at, reason, message) VALUES ('rs-1', ?, ?, ?, NULL, 'High-profile case', 'Restricted record.')`).run(
      PEOPLE.restricted.crn,
      CAST.rita.staffCode,
      now - 365 * 86_400_000,
    );
  }).immediate();
}
