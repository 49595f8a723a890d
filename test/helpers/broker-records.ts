/** The people, registrations, assessments and allocations of the broker cast (all synthetic). */
import { run, sql, type Db } from '../../electron/core/store/sql';
import { CAST, PEOPLE, PROGRAMME_CODE, PROGRAMME_CRNS } from './broker-cast';

const NAMES = ['Aaron', 'Bilal', 'Callum', 'Darius', 'Elliot', 'Fraser', 'Gareth', 'Harvey', 'Idris', 'Jamal', 'Kieran', 'Liam'];

export async function seedBrokerRecords(db: Db, now: number): Promise<void> {
  await db.write(async () => {
    const person = (crn: string, forename: string, surname: string, tier: string, owner: string | null) =>
      run(db, sql`INSERT INTO people (crn, forename, surname, dob, gender, tier, owner_staff_code, managing_sector) VALUES (${crn}, ${forename}, ${surname}, '1990-05-17', 'M', ${tier}, ${owner}, 'NPS')`);
    for (const p of Object.values(PEOPLE)) await person(p.crn, p.forename, p.surname, 'B2', p.owner ? CAST[p.owner].staffCode : null);
    for (const [i, crn] of PROGRAMME_CRNS.entries()) await person(crn, NAMES[i]!, 'Group', 'C1', (i < 8 ? CAST.olivia : CAST.alex).staffCode);

    const reg = { run: (id: string, crn: string, type: string, level: string | null, category: string | null, notes: string | null) =>
      run(db, sql`INSERT INTO registrations (id, crn, type_code, level, category, start_date, next_review_date, end_date, notes) VALUES (${id}, ${crn}, ${type}, ${level}, ${category}, '2025-06-01', '2026-06-01', NULL, ${notes})`) };
    await reg.run('r1', PEOPLE.warrant.crn, 'RHRH', null, null, null);
    await reg.run('r2', PEOPLE.warrant.crn, 'AV2S', null, null, 'Assaulted a female officer in 2024.');
    await reg.run('r3', PEOPLE.warrant.crn, 'WRSM', null, null, 'Recall issued 27 Feb 2026.');
    await reg.run('r4', PEOPLE.warrant.crn, 'STRG', null, null, null);
    await reg.run('r5', PEOPLE.allocated.crn, 'RMRH', null, null, null);
    await reg.run('r6', PEOPLE.allocated.crn, 'AV2S', null, null, 'Do not see alone.');
    await reg.run('r7', PEOPLE.veryHigh.crn, 'RVHR', null, null, null);
    await reg.run('r8', PEOPLE.veryHigh.crn, 'MAPP', 'M2', 'M1', null);
    await reg.run('r9', PEOPLE.restricted.crn, 'RHRH', null, null, null);
    await run(db, sql`INSERT INTO registrations (id, crn, type_code, start_date, end_date) VALUES ('r10', ${PEOPLE.warrant.crn}, 'ALSH', '2020-01-01', '2021-01-01')`);

    const assessment = (id: string, crn: string) => run(db, sql`INSERT INTO assessments (id, crn, completed_date, sum1_who_at_risk, sum2_nature_of_risk, sum3_imminence, sum4_risk_increasers, sum5_risk_reducers,
         rosh_children_community, rosh_public_community, rosh_known_adult_community, rosh_staff_community,
         rmp_current_situation, rmp_supervision, rmp_contingency, ogrs3_1yr, ogrs3_2yr, rsr)
       VALUES (${id}, ${crn}, '2026-01-10', 'Female staff and ex-partner.', 'Physical violence when challenged.', 'Could happen at any time if recalled.',
         'Alcohol, loss of housing.', 'Stable work.', 'LOW', 'MEDIUM', 'HIGH', 'HIGH',
         'Living at approved premises.', 'Weekly appointments, two staff present.', 'Contact police if he fails to report.', 34.5, 51.2, 4.1)`);
    for (const p of Object.values(PEOPLE)) await assessment(`a-${p.crn}`, p.crn);
    await run(db, sql`INSERT INTO sentences (id, crn, description, length_months, start_date, requirements) VALUES ('s1', ${PEOPLE.warrant.crn}, 'Community order', 24, '2025-05-01', 'RAR 20 days; unpaid work 150 hours')`);

    const allocation = (id: string, crn: string, staff: string, kind: string, description: string, programme: string | null, start: string, end: string) =>
      run(db, sql`INSERT INTO allocations (id, crn, staff_code, kind, description, programme_code, start_date, end_date) VALUES (${id}, ${crn}, ${staff}, ${kind}, ${description}, ${programme}, ${start}, ${end})`);
    await allocation('al-1', PEOPLE.allocated.crn, CAST.alan.staffCode, 'REQUIREMENT', 'Unpaid work supervision', null, '2026-02-01', '2026-04-30');
    for (const [i, crn] of PROGRAMME_CRNS.entries()) await allocation(`al-p${i}`, crn, CAST.tara.staffCode, 'PROGRAMME', 'Thinking Skills Programme', PROGRAMME_CODE, '2026-02-23', '2026-06-30');

    const excludedMessage = 'You are excluded from this record: a conflict of interest is recorded. Speak to your line manager.';
    await run(db, sql`INSERT INTO lao_exclusions (id, crn, staff_code, start_at, end_at, reason, message)
      VALUES ('ex-1', ${PEOPLE.excluded.crn}, ${CAST.eve.staffCode}, ${now - 365 * 86_400_000}, NULL, 'Family member', ${excludedMessage})`);
    await run(db, sql`INSERT INTO lao_restrictions (id, crn, staff_code, start_at, end_at, reason, message)
      VALUES ('rs-1', ${PEOPLE.restricted.crn}, ${CAST.rita.staffCode}, ${now - 365 * 86_400_000}, NULL, 'High-profile case', 'Restricted record.')`);
  });
}
