/** caseload.* and notifications.* channels. */
import { addDeputy, cancelAbsence, endDeputy, findStaff, listAbsences, listDeputies, recordAbsence } from '../../broker/absences-deputies';
import { myCaseload, whoCanSee } from '../../broker/caseload';
import { listNotifications, markNotificationsRead } from '../../notifications/list-notifications';
import { authorise } from '../../broker/context';
import { SYSTEM } from '../../policy/resources';
import { actorOf, type Call, type HandlersOf } from '../call';

export const caseloadHandlers: HandlersOf<'caseload.'> = {
  'caseload.mine': (call, input) => myCaseload(call.services.ctx, actorOf(call), input),
  'caseload.whoCanSee': (call, input) => whoCanSee(call.services.ctx, actorOf(call), input.crn),
  'caseload.listAbsences': (call, input) => listAbsences(call.services.ctx, actorOf(call), input.staffCode),
  'caseload.recordAbsence': (call, input) => recordAbsence(call.services.ctx, actorOf(call), input),
  'caseload.cancelAbsence': (call, input) => cancelAbsence(call.services.ctx, actorOf(call), input.absenceId),
  'caseload.listDeputies': (call, input) => listDeputies(call.services.ctx, actorOf(call), input.staffCode),
  'caseload.addDeputy': (call, input) => addDeputy(call.services.ctx, actorOf(call), input),
  'caseload.endDeputy': (call, input) => endDeputy(call.services.ctx, actorOf(call), input.deputyId),
  'caseload.findStaff': (call, input) => findStaff(call.services.ctx, actorOf(call), input),
};

/** The caller's own notifications: the policy is still asked (an inactive account gets none). */
const own = (call: Call) => {
  const actor = actorOf(call);
  authorise(actor, 'own.lists', SYSTEM, call.services.ctx.clock.now());
  return actor;
};

export const notificationsHandlers: HandlersOf<'notifications.'> = {
  'notifications.list': (call, input) => listNotifications(call.services.ctx.db, own(call).userId, input),
  'notifications.markRead': (call, input) => ({ unread: markNotificationsRead(call.services.ctx.db, own(call).userId, input.ids, call.services.ctx.clock.now()) }),
};
