/** people.* channels. */
import { getPerson, myProgrammes, programmeParticipants, searchPeople } from '../../records/people';
import { actorOf, type HandlersOf } from '../call';

export const peopleHandlers: HandlersOf<'people.'> = {
  'people.search': (call, input) => searchPeople(call.services.ctx, actorOf(call), input),
  'people.get': (call, input) => getPerson(call.services.ctx, actorOf(call), input.crn),
  'people.programme': (call, input) => programmeParticipants(call.services.ctx, actorOf(call), input.programmeCode),
  'people.myProgrammes': (call) => myProgrammes(call.services.ctx, actorOf(call)),
};
