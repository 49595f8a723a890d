/**
 * nDelius register types (codes, flag groups, colours, review periods) from DOMAIN.md.
 * `frontSheet` marks the registrations a CRC practitioner must see before meeting the person;
 * `frontSheetRank` orders them: Warrant/Summons first, Risk to Staff next (DESIGN.md).
 */
export type RegisterColour = 'Red' | 'Amber' | 'Green' | 'White';
export type RegisterFlag =
  | 'RoSH'
  | 'Public protection'
  | 'Risk to'
  | 'Safeguarding'
  | 'Domestic abuse'
  | 'Alerts';

export interface RegisterType {
  code: string;
  description: string;
  flag: RegisterFlag;
  colour: RegisterColour;
  reviewMonths: number;
  alertMessage: string;
  frontSheet: boolean;
  frontSheetRank: number;
}

const t = (
  code: string,
  description: string,
  flag: RegisterFlag,
  colour: RegisterColour,
  reviewMonths: number,
  alertMessage: string,
  frontSheetRank = 0,
): RegisterType => ({
  code,
  description,
  flag,
  colour,
  reviewMonths,
  alertMessage,
  frontSheet: frontSheetRank > 0,
  frontSheetRank,
});

export const REGISTER_TYPES: readonly RegisterType[] = [
  t('WRSM', 'Warrant/Summons', 'Alerts', 'Red', 3, 'Warrant or summons outstanding: recall or arrest. Contact police before any appointment.', 1),
  t('AV2S', 'Risk to Staff', 'Risk to', 'Red', 6, 'Risk to staff: do not see alone; follow the safety plan.', 2),
  t('RVHR', 'Very High RoSH', 'RoSH', 'Red', 6, 'Very high risk of serious harm.', 3),
  t('RHRH', 'High RoSH', 'RoSH', 'Red', 6, 'High risk of serious harm.', 4),
  t('RMRH', 'Medium RoSH', 'RoSH', 'Amber', 6, 'Medium risk of serious harm.', 5),
  t('RLRH', 'Low RoSH', 'RoSH', 'Green', 6, 'Low risk of serious harm.', 6),
  t('MAPP', 'MAPPA', 'Public protection', 'Red', 6, 'Managed under MAPPA: share information with the MAPPA lead.', 7),
  t('STRG', 'Street Gangs', 'Public protection', 'Red', 6, 'Street gang involvement: check rival gang members before booking sessions.', 8),
  t('ADVP', 'Domestic Abuse Perpetrator', 'Domestic abuse', 'Red', 6, 'Domestic abuse perpetrator.', 9),
  t('WEAP', 'Weapons', 'Public protection', 'Red', 6, 'Weapons: history of carrying or using weapons.', 10),
  t('ALAN', 'Alert Notice', 'Alerts', 'Red', 3, 'Alert notice in force.', 11),
  t('ARSO', 'Registered Sex Offender', 'Public protection', 'Red', 12, 'Registered sex offender.', 12),
  t('RTAO', 'Terrorism Act Offender', 'Public protection', 'Red', 12, 'Terrorism Act offender.', 13),
  t('ANSO', 'Non-registered sex offender', 'Public protection', 'Red', 12, 'Non-registered sex offender.'),
  t('AVIS', 'ViSOR', 'Public protection', 'Red', 12, 'Recorded on ViSOR.'),
  t('INLL', 'Lifer', 'Public protection', 'Red', 12, 'Life sentence licence.'),
  t('SOPS', 'Sexual Harm Prevention Order', 'Public protection', 'Red', 12, 'Sexual Harm Prevention Order in force.'),
  t('RSTO', 'Restraining Order', 'Public protection', 'Amber', 6, 'Restraining order in force.'),
  t('REG26', 'Organised Crime', 'Public protection', 'Red', 6, 'Organised crime group nominal.'),
  t('IRMO', 'Hate Crime', 'Public protection', 'Amber', 6, 'Hate crime.'),
  t('CSEP', 'Child Sexual Exploitation - perpetrator', 'Public protection', 'Red', 6, 'Child sexual exploitation perpetrator.'),
  t('REG15', 'Risk to Known Adult', 'Risk to', 'Red', 6, 'Risk to a known adult.'),
  t('REG17', 'Risk to Public', 'Risk to', 'Red', 6, 'Risk to the public.'),
  t('RCHD', 'Risk to Children', 'Risk to', 'Red', 6, 'Risk to children.'),
  t('REG22', 'Risk to Adult at risk', 'Risk to', 'Red', 6, 'Risk to an adult at risk.'),
  t('RCCO', 'Child Concerns', 'Safeguarding', 'Amber', 6, 'Child concerns.'),
  t('RCPR', 'Child Protection', 'Safeguarding', 'Red', 6, 'Child protection plan.'),
  t('ALSH', 'Suicide/Self Harm', 'Safeguarding', 'Red', 3, 'Risk of suicide or self-harm.'),
  t('AMHL', 'Mental Health Issues', 'Safeguarding', 'Amber', 6, 'Mental health issues.'),
  t('RMDO', 'Mentally Disordered Offender', 'Safeguarding', 'Amber', 6, 'Mentally disordered offender.'),
  t('ADVV', 'Domestic Abuse Victim', 'Domestic abuse', 'Amber', 6, 'Domestic abuse victim.'),
  t('IMAR', 'MARAC', 'Domestic abuse', 'Red', 6, 'Discussed at MARAC.'),
  t('APPO', 'Prolific and Priority Offender', 'Alerts', 'Amber', 6, 'Prolific and priority offender.'),
  t('RRR', 'Required Risk Review', 'Alerts', 'Amber', 1, 'NPS has asked a CRC to review risk.'),
];

export const REGISTER_CODES: ReadonlySet<string> = new Set(REGISTER_TYPES.map((r) => r.code));

export const ROSH_CODES = { RLRH: 'LOW', RMRH: 'MEDIUM', RHRH: 'HIGH', RVHR: 'VERY_HIGH' } as const;

/** MAPPA categories and levels as recorded on the MAPP registration. */
export const MAPPA_CATEGORIES = ['M1', 'M2', 'M3', 'M4'] as const;
export const MAPPA_LEVELS = ['M1', 'M2', 'M3'] as const;
