/** Every channel's handler, in one table the dispatcher looks up; the type makes a missing one a compile error. */
import type { ChannelName } from '../../../../shared/contract';
import type { Handler } from '../call';
import { adminHandlers } from './admin-handlers';
import { authHandlers } from './auth-handlers';
import { caseloadHandlers, notificationsHandlers } from './caseload-handlers';
import { devHandlers } from './dev-handlers';
import { grantsHandlers } from './grants-handlers';
import { offlineHandlers } from './offline-handlers';
import { peopleHandlers } from './people-handlers';
import { emergencyHandlers, recordsHandlers } from './records-handlers';
import { requestsHandlers } from './requests-handlers';
import { setupHandlers } from './setup-handlers';
import { reportsHandlers } from '../../reports/reports-handlers';

export const HANDLERS: { [C in ChannelName]: Handler<C> } = {
  ...authHandlers,
  ...peopleHandlers,
  ...requestsHandlers,
  ...grantsHandlers,
  ...recordsHandlers,
  ...emergencyHandlers,
  ...caseloadHandlers,
  ...notificationsHandlers,
  ...adminHandlers,
  ...reportsHandlers,
  ...setupHandlers,
  ...offlineHandlers,
  ...devHandlers,
};
