/** Statuses as GOV.UK tags, with the plain-words labels the contract defines. */
import { REQUEST_STATUS_LABELS, type GrantState, type RequestStatus } from '../../../shared/contract/vocabulary';
import { URGENCY_LABELS, type RiskLevel, type Urgency } from '../../../shared/domain/access';

type Colour = 'green' | 'grey' | 'magenta' | 'orange' | 'pink' | 'purple' | 'red' | 'teal' | 'turquoise' | 'yellow' | null;

function Tag({ colour, children, testId }: { colour: Colour; children: string; testId?: string }) {
  return (
    <strong className={`govuk-tag ${colour ? `govuk-tag--${colour}` : ''}`.trim()} data-testid={testId}>
      {children}
    </strong>
  );
}

const REQUEST_COLOURS: Record<RequestStatus, Colour> = {
  PENDING_OWNER: null,
  PENDING_HUB: 'purple',
  APPROVED: 'green',
  DENIED: 'red',
  WITHDRAWN: 'grey',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  return (
    <Tag colour={REQUEST_COLOURS[status]} testId="request-status">
      {REQUEST_STATUS_LABELS[status]}
    </Tag>
  );
}

export function OverdueTag() {
  return <Tag colour="red">Overdue</Tag>;
}

export const GRANT_STATE_LABELS: Record<GrantState, string> = {
  SCHEDULED: 'Starts later',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  EXPIRED: 'Ended',
  REVOKED: 'Revoked',
};
const GRANT_COLOURS: Record<GrantState, Colour> = { SCHEDULED: 'teal', ACTIVE: 'green', SUSPENDED: 'orange', EXPIRED: 'grey', REVOKED: 'red' };

export function GrantStateTag({ state }: { state: GrantState }) {
  return (
    <Tag colour={GRANT_COLOURS[state]} testId="grant-state">
      {GRANT_STATE_LABELS[state]}
    </Tag>
  );
}

const URGENCY_COLOURS: Record<Urgency, Colour> = { IMMEDIATE_SAFETY: 'red', WITHIN_2_WORKING_DAYS: 'orange', ROUTINE: 'grey' };

/** Short forms for tables, where the full words would wrap over several lines. */
const URGENCY_SHORT: Record<Urgency, string> = { IMMEDIATE_SAFETY: 'Immediate safety', WITHIN_2_WORKING_DAYS: '2 working days', ROUTINE: 'Routine' };

export function UrgencyTag({ urgency, short = false }: { urgency: Urgency; short?: boolean }) {
  return <Tag colour={URGENCY_COLOURS[urgency]}>{short ? URGENCY_SHORT[urgency] : URGENCY_LABELS[urgency]}</Tag>;
}

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', VERY_HIGH: 'Very high' };
const RISK_COLOURS: Record<RiskLevel, Colour> = { LOW: 'green', MEDIUM: 'yellow', HIGH: 'orange', VERY_HIGH: 'red' };

export function RiskTag({ level, prefix = 'RoSH' }: { level: RiskLevel | null; prefix?: string }) {
  if (!level) return <Tag colour="grey">{prefix ? `${prefix} not assessed` : 'Not assessed'}</Tag>;
  return <Tag colour={RISK_COLOURS[level]}>{prefix ? `${prefix} ${RISK_LEVEL_LABELS[level].toLowerCase()}` : RISK_LEVEL_LABELS[level]}</Tag>;
}

export function RestrictedTag() {
  return <Tag colour="red">Access restricted</Tag>;
}
