/**
 * The nDelius/OASys-style export set (docs/import-format.md): one CSV per entity, plus a manifest.
 * Column names are the store's column names, so a row maps onto its table without translation.
 * The list is in import order: every file refers only to files before it (or to the store).
 */

export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Written by `rab seed --demo-users`; not part of the records, so the importer leaves it alone. */
export const DEMO_USERS_FILE = 'demo-users.csv';

export type Entity = 'provider' | 'team' | 'staff' | 'person';

export interface Reference {
  column: string;
  entity: Entity;
}

export interface ExportFile {
  name: string;
  table: string;
  key: string;
  columns: readonly string[];
  /** Columns a file may leave out of its header (added later; older exports still import). */
  optionalColumns?: readonly string[];
  /** What each row of this file is, when others refer to it. */
  entity?: Entity;
  references: readonly Reference[];
  /**
   * Child rows belong to a person or a staff member. When that owner is in the snapshot, its child
   * rows that the snapshot no longer contains are removed, so the store matches the snapshot.
   */
  belongsTo?: Reference;
}

const ref = (column: string, entity: Entity): Reference => ({ column, entity });

export const ASSESSMENT_TEXT_COLUMNS = [
  'sum1_who_at_risk',
  'sum2_nature_of_risk',
  'sum3_imminence',
  'sum4_risk_increasers',
  'sum5_risk_reducers',
  'rmp_current_situation',
  'rmp_supervision',
  'rmp_monitoring_control',
  'rmp_interventions',
  'rmp_victim_safety',
  'rmp_contingency',
] as const;

export const ROSH_COLUMNS = [
  'rosh_children_community',
  'rosh_public_community',
  'rosh_known_adult_community',
  'rosh_staff_community',
  'rosh_children_custody',
  'rosh_public_custody',
  'rosh_known_adult_custody',
  'rosh_staff_custody',
] as const;

export const RISK_TO_SELF_COLUMNS = ['risk_suicide', 'risk_self_harm', 'risk_custody', 'risk_vulnerability'] as const;

export const EXPORT_FILES: readonly ExportFile[] = [
  {
    name: 'providers.csv',
    table: 'providers',
    key: 'code',
    entity: 'provider',
    columns: ['code', 'name', 'sector'],
    references: [],
  },
  {
    name: 'teams.csv',
    table: 'teams',
    key: 'code',
    entity: 'team',
    columns: ['code', 'provider_code', 'name', 'pdu', 'ldu', 'phone', 'email'],
    optionalColumns: ['phone', 'email'],
    references: [ref('provider_code', 'provider')],
  },
  {
    name: 'staff.csv',
    table: 'staff',
    key: 'code',
    entity: 'staff',
    columns: ['code', 'team_code', 'forename', 'surname', 'grade', 'email', 'phone', 'active'],
    optionalColumns: ['phone'],
    references: [ref('team_code', 'team')],
  },
  {
    name: 'people.csv',
    table: 'people',
    key: 'crn',
    entity: 'person',
    columns: ['crn', 'pnc', 'noms', 'cro', 'forename', 'surname', 'dob', 'gender', 'tier', 'owner_staff_code', 'managing_sector'],
    references: [ref('owner_staff_code', 'staff')],
  },
  {
    name: 'registrations.csv',
    table: 'registrations',
    key: 'id',
    columns: ['id', 'crn', 'type_code', 'level', 'category', 'start_date', 'next_review_date', 'end_date', 'notes'],
    references: [ref('crn', 'person')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'assessments.csv',
    table: 'assessments',
    key: 'id',
    columns: [
      'id',
      'crn',
      'completed_date',
      ...ASSESSMENT_TEXT_COLUMNS.slice(0, 5),
      ...ROSH_COLUMNS,
      ...RISK_TO_SELF_COLUMNS,
      ...ASSESSMENT_TEXT_COLUMNS.slice(5),
      'ogrs3_1yr',
      'ogrs3_2yr',
      'ogp',
      'ovp',
      'rsr',
      'rsr_type',
      'osp_c',
      'osp_i',
    ],
    references: [ref('crn', 'person')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'sentences.csv',
    table: 'sentences',
    key: 'id',
    columns: ['id', 'crn', 'description', 'length_months', 'start_date', 'end_date', 'requirements'],
    references: [ref('crn', 'person')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'allocations.csv',
    table: 'allocations',
    key: 'id',
    columns: ['id', 'crn', 'staff_code', 'kind', 'description', 'programme_code', 'start_date', 'end_date'],
    references: [ref('crn', 'person'), ref('staff_code', 'staff')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'lao_exclusions.csv',
    table: 'lao_exclusions',
    key: 'id',
    columns: ['id', 'crn', 'staff_code', 'start_at', 'end_at', 'reason', 'message'],
    references: [ref('crn', 'person'), ref('staff_code', 'staff')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'lao_restrictions.csv',
    table: 'lao_restrictions',
    key: 'id',
    columns: ['id', 'crn', 'staff_code', 'start_at', 'end_at', 'reason', 'message'],
    references: [ref('crn', 'person'), ref('staff_code', 'staff')],
    belongsTo: ref('crn', 'person'),
  },
  {
    name: 'absences.csv',
    table: 'absences',
    key: 'id',
    columns: ['id', 'staff_code', 'kind', 'start_at', 'end_at'],
    references: [ref('staff_code', 'staff')],
    belongsTo: ref('staff_code', 'staff'),
  },
  {
    name: 'deputies.csv',
    table: 'deputies',
    key: 'id',
    columns: ['id', 'staff_code', 'deputy_staff_code', 'start_at', 'end_at'],
    references: [ref('staff_code', 'staff'), ref('deputy_staff_code', 'staff')],
    belongsTo: ref('staff_code', 'staff'),
  },
];

export const ENTITY_FILE: Record<Entity, ExportFile> = Object.fromEntries(
  EXPORT_FILES.filter((f) => f.entity).map((f) => [f.entity, f]),
) as Record<Entity, ExportFile>;

export const ENTITY_LABEL: Record<Entity, string> = {
  provider: 'provider',
  team: 'team',
  staff: 'staff member',
  person: 'person',
};

export const exportFile = (name: string): ExportFile => {
  const f = EXPORT_FILES.find((x) => x.name === name);
  if (!f) throw new Error(`${name} is not part of the export format`);
  return f;
};
