/** grants.* channels. */
import { getGrant, myGrants, requestExtension, revokeGrant } from '../../broker/grants';
import { actorOf, type HandlersOf } from '../call';

export const grantsHandlers: HandlersOf<'grants.'> = {
  'grants.mine': async (call, input) => await myGrants(call.services.ctx, actorOf(call), input),
  'grants.get': async (call, input) => await getGrant(call.services.ctx, actorOf(call), input.grantId),
  'grants.revoke': async (call, input) => await revokeGrant(call.services.ctx, actorOf(call), input.grantId, input.reason),
  'grants.requestExtension': async (call, input) => await requestExtension(call.services.ctx, actorOf(call), input),
};
