/**
 * The whole API contract: every channel, defined once, keyed by its name. The preload bridge, the
 * browser host, the renderer and the core dispatcher all derive from this object.
 */
import type { z } from 'zod';
import type { ChannelDef, Result } from './define';
import { adminChannels } from './admin';
import { authChannels } from './auth';
import { caseloadChannels } from './caseload';
import { devChannels } from './dev';
import { emergencyChannels } from './emergency';
import { grantsChannels } from './grants';
import { notificationsChannels } from './notifications';
import { offlineChannels } from './offline';
import { peopleChannels } from './people';
import { recordsChannels } from './records';
import { reportsChannels } from './reports';
import { requestsChannels } from './requests';
import { setupChannels } from './setup';

export const CONTRACT = {
  ...authChannels,
  ...peopleChannels,
  ...requestsChannels,
  ...grantsChannels,
  ...recordsChannels,
  ...emergencyChannels,
  ...caseloadChannels,
  ...notificationsChannels,
  ...adminChannels,
  ...reportsChannels,
  ...setupChannels,
  ...offlineChannels,
  ...devChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
/** What a caller passes (defaults may be left out). */
export type Input<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the core receives after validation (defaults filled in). */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type Output<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);

/** The typed API the renderer sees as window.broker: one named async function per channel. */
export type BrokerApi = { [C in ChannelName]: (input: Input<C>) => Promise<Result<Output<C>>> };

export * from './define';
export * from './common';
export * from './vocabulary';
export * from './policy-settings';
export type { SessionStatus } from './auth';
export type { MyAccess, OwnerAvailability, PersonDetail, PersonSearchRow } from './people';
export type { DuplicateOf, RequestDetail, RequestOutcome } from './requests';
export type { FrontSheet, RecordView } from './records';
export type { EmergencyUseRow } from './emergency';
export type { AbsenceRow, DeputyRow, ViewerRow } from './caseload';
export type { NotificationRow } from './notifications';
export type { AuditEventRow, AuditNames, AuditVerification, BackupList, ClockStatus, ImportReport, LaoEntryRow, UserRow } from './admin';
export type { SweepReport } from './dev';
