/**
 * What will happen to a request before it is sent, worked out by the same routing the request
 * will take: who gets it, due when, why, and that emergency safety access is there if nobody
 * decides in time. Nothing is written.
 */
import type { Output } from '../../../shared/contract';
import type { Urgency } from '../../../shared/domain/access';
import { AppError } from '../../../shared/errors';
import { one, sql } from '../store/sql';
import type { Actor } from '../policy/actor';
import { staffName, laoFacts } from './case-facts';
import { authorise, policyOf, type BrokerContext } from './context';
import { personResource } from './request-facts';
import { planRoute } from './routing';

const hoursWords = (minutes: number): string => (minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`);

export async function previewRequest(ctx: BrokerContext, actor: Actor, p: { crn: string; urgency: Urgency; neededBy: number | null }): Promise<Output<'requests.preview'>> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const policy = await policyOf(ctx);
  if (!await one(db, sql`SELECT 1 FROM people WHERE crn = ${p.crn}`)) throw new AppError('NOT_FOUND', `There is nobody with CRN ${p.crn}.`);
  const lao = await laoFacts(db, p.crn, actor.staffCode, now);
  if (lao.excluded) throw new AppError('ACCESS_EXCLUDED', lao.exclusionMessage ?? undefined);
  authorise(actor, 'request.create', await personResource(db, actor, p.crn, now), now);
  const plan = await planRoute(db, policy, { crn: p.crn, restricted: lao.restricted, requesterStaffCode: actor.staffCode, urgency: p.urgency, neededBy: p.neededBy }, now);
  const owner = plan.ownerStaffCode === null ? undefined : await one<{ forename: string; surname: string }>(db, sql`SELECT forename, surname FROM staff WHERE code = ${plan.ownerStaffCode}`);
  const ownerWords = owner ? `the offender manager, ${staffName(owner)}` : 'the offender manager';
  const goesTo = plan.status === 'PENDING_OWNER' ? `${ownerWords} (or a deputy standing in)`
    : plan.routeReason === 'NEEDED_SOON' ? `${ownerWords}, and the NPS hub at the same time`
    : 'the NPS hub';
  const emergency = `If nobody has decided when the person is needed within ${hoursWords(policy.emergencyWindowMinutes)}, you can open emergency safety access: the front sheet only, for up to ${hoursWords(policy.emergencyMaxMinutes)}, after entering your password again. It is reviewed by the hub.`;
  return { goesTo, deadline: plan.deadline, why: plan.status === 'PENDING_HUB' ? plan.hubReasonText : null, emergency };
}
