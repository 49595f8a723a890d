/** caseload.* and notifications.* channels. */
import { addDeputy, cancelAbsence, endDeputy, findStaff, listAbsences, listDeputies, recordAbsence } from '../../broker/absences-deputies';
import { myCaseload, whoCanSee } from '../../broker/caseload';
import { listNotifications, markNotificationsRead } from '../../notifications/list-notifications';
import { authorise } from '../../broker/context';
import { SYSTEM } from '../../policy/resources';
import { actorOf, type Call, type HandlersOf } from '../call';

export const caseloadHandlers: HandlersOf<'caseload.'> = {
  'caseload.mine': async (call, input) => await myCaseload(call.services.ctx, actorOf(call), input),
  'caseload.whoCanSee': async (call, input) => await whoCanSee(call.services.ctx, actorOf(call), input.crn),
  'caseload.listAbsences': async (call, input) => await listAbsences(call.services.ctx, actorOf(call), input.staffCode),
  'caseload.recordAbsence': async (call, input) => await recordAbsence(call.services.ctx, actorOf(call), input),
  'caseload.cancelAbsence': async (call, input) => await cancelAbsence(call.services.ctx, actorOf(call), input.absenceId),
  'caseload.listDeputies': async (call, input) => await listDeputies(call.services.ctx, actorOf(call), input.staffCode),
  'caseload.addDeputy': async (call, input) => await addDeputy(call.services.ctx, actorOf(call), input),
  'caseload.endDeputy': async (call, input) => await endDeputy(call.services.ctx, actorOf(call), input.deputyId),
  'caseload.findStaff': async (call, input) => await findStaff(call.services.ctx, actorOf(call), input),
};

/** The caller's own notifications: the policy is still asked (an inactive account gets none). */
const own = (call: Call) => {
  const actor = actorOf(call);
  authorise(actor, 'own.lists', SYSTEM, call.services.ctx.clock.now());
  return actor;
};

export const notificationsHandlers: HandlersOf<'notifications.'> = {
  'notifications.list': async (call, input) => await listNotifications(call.services.ctx.db, own(call).userId, input),
  'notifications.markRead': async (call, input) => ({ unread: await markNotificationsRead(call.services.ctx.db, own(call).userId, input.ids, call.services.ctx.clock.now()) }),
};
