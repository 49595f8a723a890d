/** people.* channels. */
import { getPerson, myProgrammes, programmeParticipants, searchPeople } from '../../records/people';
import { actorOf, type HandlersOf } from '../call';

export const peopleHandlers: HandlersOf<'people.'> = {
  'people.search': async (call, input) => await searchPeople(call.services.ctx, actorOf(call), input),
  'people.get': async (call, input) => await getPerson(call.services.ctx, actorOf(call), input.crn),
  'people.programme': async (call, input) => await programmeParticipants(call.services.ctx, actorOf(call), input.programmeCode),
  'people.myProgrammes': async (call) => await myProgrammes(call.services.ctx, actorOf(call)),
};
