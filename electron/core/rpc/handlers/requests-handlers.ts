/** requests.* channels. */
import { createRequests } from '../../broker/create-request';
import { approveRequest, denyRequest, withdrawRequest } from '../../broker/decide-request';
import { hubQueue } from '../../broker/hub-queue';
import { getRequest, inbox, myRequests } from '../../broker/queues';
import { askForReview, decideReview, refusalReviewQueue } from '../../broker/refusal-review';
import { previewRequest } from '../../broker/request-preview';
import { actorOf, type Call, type HandlersOf } from '../call';

const row = (call: Call, id: number) => getRequest(call.services.ctx, actorOf(call), id).request;

export const requestsHandlers: HandlersOf<'requests.'> = {
  'requests.create': (call, input) => createRequests(call.services.ctx, actorOf(call), input),
  'requests.withdraw': (call, input) => row(call, withdrawRequest(call.services.ctx, actorOf(call), input.requestId).id),
  'requests.mine': (call, input) => myRequests(call.services.ctx, actorOf(call), input),
  'requests.get': (call, input) => getRequest(call.services.ctx, actorOf(call), input.requestId),
  'requests.inbox': (call, input) => inbox(call.services.ctx, actorOf(call), input),
  'requests.hubQueue': (call, input) => hubQueue(call.services.ctx, actorOf(call), input),
  'requests.approve': (call, input) => row(call, approveRequest(call.services.ctx, actorOf(call), input).id),
  'requests.deny': (call, input) => row(call, denyRequest(call.services.ctx, actorOf(call), input).id),
  'requests.preview': (call, input) => previewRequest(call.services.ctx, actorOf(call), input),
  'requests.askReview': (call, input) => askForReview(call.services.ctx, actorOf(call), input.requestId, input.reason),
  'requests.reviewQueue': (call, input) => refusalReviewQueue(call.services.ctx, actorOf(call), input),
  'requests.decideReview': (call, input) => decideReview(call.services.ctx, actorOf(call), input),
};
