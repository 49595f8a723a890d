/** Providers, grades and sectors from DOMAIN.md. */
export const SECTORS = ['NPS', 'CRC'] as const;
export type Sector = (typeof SECTORS)[number];

export interface ProviderDef {
  code: string;
  name: string;
  sector: Sector;
}

export const NPS_DIVISIONS: readonly ProviderDef[] = [
  ['N01', 'North West'],
  ['N02', 'North East'],
  ['N03', 'Wales'],
  ['N04', 'Midlands'],
  ['N05', 'South West & South Central'],
  ['N06', 'South East & Eastern'],
  ['N07', 'London'],
].map(([code, name]) => ({ code: code!, name: `NPS ${name!}`, sector: 'NPS' as const }));

export const CRCS: readonly ProviderDef[] = [
  ['C01', 'Northumbria'],
  ['C02', 'Cumbria & Lancashire'],
  ['C03', 'Durham Tees Valley'],
  ['C04', 'Humber, Lincs & N Yorks'],
  ['C05', 'West Yorkshire'],
  ['C06', 'Merseyside'],
  ['C07', 'Cheshire & Gtr Manchester'],
  ['C08', 'Derby, Leics, Notts, Rutland'],
  ['C09', 'South Yorkshire'],
  ['C10', 'Wales'],
  ['C11', 'Staffs & West Mids'],
  ['C12', 'Warwickshire & West Mercia'],
  ['C13', 'BeNCH'],
  ['C14', 'Norfolk & Suffolk'],
  ['C15', 'Bristol, Gloucs, Somerset, Wilts'],
  ['C16', 'Thames Valley'],
  ['C17', 'London'],
  ['C18', 'Essex'],
  ['C19', 'Dorset, Devon & Cornwall'],
  ['C20', 'Hampshire & Isle of Wight'],
  ['C21', 'Kent, Surrey & Sussex'],
].map(([code, name]) => ({ code: code!, name: `${name!} CRC`, sector: 'CRC' as const }));

export const PROVIDERS: readonly ProviderDef[] = [...NPS_DIVISIONS, ...CRCS];

/** Staff grades. HUB and ADMIN are the NPS central hub and system administrators. */
export const GRADES = ['PSO', 'PQIP', 'PO', 'SPO', 'HUB', 'ADMIN'] as const;
export type Grade = (typeof GRADES)[number];

export const ABSENCE_KINDS = ['LEAVE', 'SICKNESS', 'TRAINING'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const ALLOCATION_KINDS = ['REQUIREMENT', 'PROGRAMME'] as const;
export type AllocationKind = (typeof ALLOCATION_KINDS)[number];
