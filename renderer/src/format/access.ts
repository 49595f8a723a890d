/** Words for how someone can see a record, used on the person page, search results and caseload. */
import type { MyAccess } from '../../../shared/contract/people';
import type { AccessRoute } from '../../../shared/contract/vocabulary';
import { SCOPE_LABELS } from '../../../shared/domain/access';
import { formatDateTime } from './time';

export const ACCESS_ROUTE_LABELS: Record<AccessRoute, string> = {
  GRANT: 'Granted access',
  ALLOCATION: 'Allocation (you deliver work for this person)',
  OWNER: 'Your own case',
  EMERGENCY: 'Emergency safety access',
};

export function describeAccess(access: MyAccess): string {
  if (!access.scope || !access.route) return 'No access';
  const until = access.until !== null ? ` until ${formatDateTime(access.until)}` : '';
  return `${SCOPE_LABELS[access.scope]}: ${ACCESS_ROUTE_LABELS[access.route].toLowerCase()}${until}`;
}
