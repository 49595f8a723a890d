/** requests.* channels. */
import { createRequests } from '../../broker/create-request';
import { approveRequest, denyRequest, withdrawRequest } from '../../broker/decide-request';
import { hubQueue } from '../../broker/hub-queue';
import { getRequest, inbox, myRequests } from '../../broker/queues';
import { askForReview, decideReview, refusalReviewQueue } from '../../broker/refusal-review';
import { previewRequest } from '../../broker/request-preview';
import { actorOf, type Call, type HandlersOf } from '../call';

const row = async (call: Call, id: number) => (await getRequest(call.services.ctx, actorOf(call), id)).request;

export const requestsHandlers: HandlersOf<'requests.'> = {
  'requests.create': async (call, input) => await createRequests(call.services.ctx, actorOf(call), input),
  'requests.withdraw': async (call, input) => await row(call, (await withdrawRequest(call.services.ctx, actorOf(call), input.requestId)).id),
  'requests.mine': async (call, input) => await myRequests(call.services.ctx, actorOf(call), input),
  'requests.get': async (call, input) => await getRequest(call.services.ctx, actorOf(call), input.requestId),
  'requests.inbox': async (call, input) => await inbox(call.services.ctx, actorOf(call), input),
  'requests.hubQueue': async (call, input) => await hubQueue(call.services.ctx, actorOf(call), input),
  'requests.approve': async (call, input) => await row(call, (await approveRequest(call.services.ctx, actorOf(call), input)).id),
  'requests.deny': async (call, input) => await row(call, (await denyRequest(call.services.ctx, actorOf(call), input)).id),
  'requests.preview': async (call, input) => await previewRequest(call.services.ctx, actorOf(call), input),
  'requests.askReview': async (call, input) => await askForReview(call.services.ctx, actorOf(call), input.requestId, input.reason),
  'requests.reviewQueue': async (call, input) => await refusalReviewQueue(call.services.ctx, actorOf(call), input),
  'requests.decideReview': async (call, input) => await decideReview(call.services.ctx, actorOf(call), input),
};
