/** grants.* channels. */
import { getGrant, myGrants, requestExtension, revokeGrant } from '../../broker/grants';
import { actorOf, type HandlersOf } from '../call';

export const grantsHandlers: HandlersOf<'grants.'> = {
  'grants.mine': (call, input) => myGrants(call.services.ctx, actorOf(call), input),
  'grants.get': (call, input) => getGrant(call.services.ctx, actorOf(call), input.grantId),
  'grants.revoke': (call, input) => revokeGrant(call.services.ctx, actorOf(call), input.grantId, input.reason),
  'grants.requestExtension': (call, input) => requestExtension(call.services.ctx, actorOf(call), input),
};
