/**
 * Version 1: the nDelius/OASys-style records. Natural keys (codes, CRNs, export ids) are primary
 * keys so a newer snapshot updates rows in place. Calendar dates are ISO `YYYY-MM-DD` text;
 * instants are integer milliseconds since the epoch (UTC) so comparisons are cheap and exact.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion1(m: MigrationScript): void {
  m.ddl(`
    CREATE TABLE providers (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      sector TEXT NOT NULL CHECK (sector IN ('NPS', 'CRC'))
    ) STRICT;

    CREATE TABLE teams (
      code TEXT PRIMARY KEY,
      provider_code TEXT NOT NULL REFERENCES providers(code),
      name TEXT NOT NULL,
      pdu TEXT NOT NULL,
      ldu TEXT NOT NULL
    ) STRICT;
    CREATE INDEX teams_provider ON teams(provider_code);

    CREATE TABLE staff (
      code TEXT PRIMARY KEY,
      team_code TEXT NOT NULL REFERENCES teams(code),
      forename TEXT NOT NULL,
      surname TEXT NOT NULL,
      grade TEXT NOT NULL CHECK (grade IN ('PSO', 'PQIP', 'PO', 'SPO', 'HUB', 'ADMIN')),
      email TEXT,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT;
    CREATE INDEX staff_team ON staff(team_code);

    CREATE TABLE people (
      crn TEXT PRIMARY KEY,
      pnc TEXT,
      noms TEXT,
      cro TEXT,
      forename TEXT NOT NULL,
      surname TEXT NOT NULL,
      dob TEXT NOT NULL,
      gender TEXT NOT NULL CHECK (gender IN ('M', 'F', 'X')),
      tier TEXT,
      owner_staff_code TEXT REFERENCES staff(code),
      managing_sector TEXT NOT NULL CHECK (managing_sector IN ('NPS', 'CRC'))
    ) STRICT;
    CREATE INDEX people_owner ON people(owner_staff_code);
    CREATE INDEX people_surname ON people(surname COLLATE NOCASE, forename COLLATE NOCASE);

    CREATE TABLE register_types (
      code TEXT PRIMARY KEY,
      description TEXT NOT NULL,
      flag TEXT NOT NULL,
      colour TEXT NOT NULL CHECK (colour IN ('Red', 'Amber', 'Green', 'White')),
      review_months INTEGER NOT NULL,
      alert_message TEXT NOT NULL,
      front_sheet_rank INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE registrations (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      type_code TEXT NOT NULL REFERENCES register_types(code),
      level TEXT,
      category TEXT,
      start_date TEXT NOT NULL,
      next_review_date TEXT,
      end_date TEXT,
      notes TEXT
    ) STRICT;
    CREATE INDEX registrations_crn ON registrations(crn);

    CREATE TABLE assessments (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      completed_date TEXT NOT NULL,
      sum1_who_at_risk TEXT,
      sum2_nature_of_risk TEXT,
      sum3_imminence TEXT,
      sum4_risk_increasers TEXT,
      sum5_risk_reducers TEXT,
      rosh_children_community TEXT,
      rosh_public_community TEXT,
      rosh_known_adult_community TEXT,
      rosh_staff_community TEXT,
      rosh_children_custody TEXT,
      rosh_public_custody TEXT,
      rosh_known_adult_custody TEXT,
      rosh_staff_custody TEXT,
      risk_suicide TEXT,
      risk_self_harm TEXT,
      risk_custody TEXT,
      risk_vulnerability TEXT,
      rmp_current_situation TEXT,
      rmp_supervision TEXT,
      rmp_monitoring_control TEXT,
      rmp_interventions TEXT,
      rmp_victim_safety TEXT,
      rmp_contingency TEXT,
      ogrs3_1yr REAL,
      ogrs3_2yr REAL,
      ogp REAL,
      ovp REAL,
      rsr REAL,
      rsr_type TEXT,
      osp_c TEXT,
      osp_i TEXT
    ) STRICT;
    CREATE INDEX assessments_crn ON assessments(crn, completed_date);

    CREATE TABLE sentences (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      description TEXT NOT NULL,
      length_months INTEGER,
      start_date TEXT NOT NULL,
      end_date TEXT,
      requirements TEXT
    ) STRICT;
    CREATE INDEX sentences_crn ON sentences(crn);

    CREATE TABLE allocations (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      staff_code TEXT NOT NULL REFERENCES staff(code),
      kind TEXT NOT NULL CHECK (kind IN ('REQUIREMENT', 'PROGRAMME')),
      description TEXT NOT NULL,
      programme_code TEXT,
      start_date TEXT NOT NULL,
      end_date TEXT
    ) STRICT;
    CREATE INDEX allocations_staff ON allocations(staff_code);
    CREATE INDEX allocations_crn ON allocations(crn);
    CREATE INDEX allocations_programme ON allocations(programme_code);

    CREATE TABLE lao_exclusions (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      staff_code TEXT NOT NULL REFERENCES staff(code),
      start_at INTEGER NOT NULL,
      end_at INTEGER,
      reason TEXT NOT NULL,
      message TEXT NOT NULL
    ) STRICT;
    CREATE INDEX lao_exclusions_crn ON lao_exclusions(crn, staff_code);

    CREATE TABLE lao_restrictions (
      id TEXT PRIMARY KEY,
      crn TEXT NOT NULL REFERENCES people(crn),
      staff_code TEXT NOT NULL REFERENCES staff(code),
      start_at INTEGER NOT NULL,
      end_at INTEGER,
      reason TEXT NOT NULL,
      message TEXT NOT NULL
    ) STRICT;
    CREATE INDEX lao_restrictions_crn ON lao_restrictions(crn, staff_code);

    CREATE TABLE absences (
      id TEXT PRIMARY KEY,
      staff_code TEXT NOT NULL REFERENCES staff(code),
      kind TEXT NOT NULL CHECK (kind IN ('LEAVE', 'SICKNESS', 'TRAINING')),
      start_at INTEGER NOT NULL,
      end_at INTEGER NOT NULL,
      CHECK (end_at > start_at)
    ) STRICT;
    CREATE INDEX absences_staff ON absences(staff_code, start_at);

    CREATE TABLE deputies (
      id TEXT PRIMARY KEY,
      staff_code TEXT NOT NULL REFERENCES staff(code),
      deputy_staff_code TEXT NOT NULL REFERENCES staff(code),
      start_at INTEGER NOT NULL,
      end_at INTEGER,
      CHECK (staff_code <> deputy_staff_code)
    ) STRICT;
    CREATE INDEX deputies_staff ON deputies(staff_code);
    CREATE INDEX deputies_deputy ON deputies(deputy_staff_code);
  `);
}
