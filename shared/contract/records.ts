/**
 * Reading a record. A read answers only the sections the viewer's access covers and is audited in
 * the same transaction: no audit, no read.
 */
import { z } from 'zod';
import { channel } from './define';
import { accessRoute, crn, id, instant, riskLevel, scope } from './common';

const levels = z.object({
  children: riskLevel.nullable(),
  public: riskLevel.nullable(),
  knownAdult: riskLevel.nullable(),
  staff: riskLevel.nullable(),
});

export const alertRegistration = z.object({
  code: z.string(),
  description: z.string(),
  colour: z.enum(['Red', 'Amber', 'Green', 'White']),
  alertMessage: z.string(),
  level: z.string().nullable(),
  category: z.string().nullable(),
  startDate: z.string(),
  nextReviewDate: z.string().nullable(),
  notes: z.string().nullable(),
});

export const frontSheet = z.object({
  /** Active alert registrations, Warrant/Summons first, then Risk to Staff, then by rank. */
  alerts: z.array(alertRegistration),
  roshLevel: riskLevel.nullable(),
  roshCommunity: levels,
  mappa: z.object({ category: z.string().nullable(), level: z.string().nullable() }).nullable(),
  /** Safety warnings in words, from the front-sheet registrations, in the same order. */
  safetyWarnings: z.array(z.string()),
});
export type FrontSheet = z.infer<typeof frontSheet>;

export const roshSummary = z.object({
  assessmentId: z.string(),
  completedDate: z.string(),
  whoIsAtRisk: z.string().nullable(),
  natureOfRisk: z.string().nullable(),
  imminence: z.string().nullable(),
  riskIncreasers: z.string().nullable(),
  riskReducers: z.string().nullable(),
  community: levels,
  custody: levels,
  riskToSelf: z.object({
    suicide: z.string().nullable(),
    selfHarm: z.string().nullable(),
    custody: z.string().nullable(),
    vulnerability: z.string().nullable(),
  }),
});

export const riskManagementPlan = z.object({
  assessmentId: z.string(),
  completedDate: z.string(),
  currentSituation: z.string().nullable(),
  supervision: z.string().nullable(),
  monitoringAndControl: z.string().nullable(),
  interventionsAndTreatment: z.string().nullable(),
  victimSafetyPlanning: z.string().nullable(),
  contingencyPlan: z.string().nullable(),
});

export const fullRecord = z.object({
  sentences: z.array(
    z.object({ id: z.string(), description: z.string(), lengthMonths: z.number().nullable(), startDate: z.string(), endDate: z.string().nullable(), requirements: z.string().nullable() }),
  ),
  registrationHistory: z.array(alertRegistration.extend({ endDate: z.string().nullable(), active: z.boolean() })),
  predictors: z
    .object({ ogrs3OneYear: z.number().nullable(), ogrs3TwoYear: z.number().nullable(), ogp: z.number().nullable(), ovp: z.number().nullable(), rsr: z.number().nullable(), rsrType: z.string().nullable(), ospC: z.string().nullable(), ospI: z.string().nullable() })
    .nullable(),
  allocations: z.array(z.object({ kind: z.string(), description: z.string(), staffName: z.string(), startDate: z.string(), endDate: z.string().nullable() })),
});

export const recordView = z.object({
  crn: z.string(),
  person: z.object({
    name: z.string(),
    dob: z.string(),
    gender: z.enum(['M', 'F', 'X']),
    pnc: z.string().nullable(),
    noms: z.string().nullable(),
    tier: z.string().nullable(),
    ownerName: z.string().nullable(),
  }),
  access: z.object({ scope, route: accessRoute, until: instant.nullable(), grantId: id.nullable() }),
  readAt: instant,
  /** Present only when the access covers the section. */
  frontSheet: frontSheet.nullable(),
  roshSummary: roshSummary.nullable(),
  riskManagementPlan: riskManagementPlan.nullable(),
  fullRecord: fullRecord.nullable(),
  /** Set only when a connected desktop answered from its offline copy: when it last heard from the broker. */
  offline: z.object({ lastCheckedAt: instant }).nullable().default(null),
});
export type RecordView = z.infer<typeof recordView>;

export const recordsChannels = {
  'records.read': channel({
    summary: 'Read the sections of a record your current access covers. Every read is audited.',
    access: 'session',
    input: z.strictObject({ crn }),
    output: recordView,
    errors: ['NOT_FOUND', 'NO_ACTIVE_GRANT', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED', 'CLOCK_ROLLBACK'],
  }),
} as const;
