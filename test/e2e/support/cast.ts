/**
 * Who is who in the demonstration store, found through the API the way the screens find it: the
 * tutor's programme group and, for each participant, whose case it is and whether that offender
 * manager can decide (available, off sick with a deputy, or not available at all).
 */
import type { TestHost } from './test-host';

export const TUTOR = 'crc.practitioner';
export const OWNER = 'nps.owner';
export const DEPUTY = 'nps.deputy';
export const HUB = 'hub.officer';
export const HUB_LAO = 'hub.lao';
export const ADMIN = 'admin';

interface Owner {
  staffCode: string | null;
  name: string | null;
  available: boolean;
  deputies: Array<{ staffCode: string; name: string }>;
}

export interface Cast {
  programmeCode: string;
  tutorName: string;
  ownerName: string;
  /** People whose offender manager (nps.owner) is available to decide. */
  ownersPeople: Array<{ crn: string; name: string }>;
  /** People whose offender manager is unavailable with nobody standing in: their requests go to the hub. */
  hubPeople: Array<{ crn: string; name: string }>;
  /** The participant the tutor is excluded from (LAO). */
  excludedCrn: string;
}

export async function discoverCast(host: TestHost): Promise<Cast> {
  const tutor = host.as(TUTOR);
  const owner = host.as(OWNER);
  const tutorStatus = await tutor.call<{ user: { displayName: string } }>('auth.status', {});
  const ownerStatus = await owner.call<{ user: { staffCode: string; displayName: string } }>('auth.status', {});
  const [programme] = await tutor.call<Array<{ programmeCode: string }>>('people.myProgrammes', {});
  if (!programme) throw new Error('the tutor delivers no programme');
  const group = await tutor.call<{ people: Array<{ crn: string; name: string | null; accessRestricted: boolean }> }>('people.programme', { programmeCode: programme.programmeCode });
  const cast: Cast = { programmeCode: programme.programmeCode, tutorName: tutorStatus.user.displayName, ownerName: ownerStatus.user.displayName, ownersPeople: [], hubPeople: [], excludedCrn: '' };
  for (const person of group.people) {
    const detail = await tutor.attempt<{ owner: Owner | null; name: string }>('people.get', { crn: person.crn });
    if (!detail.ok) {
      if (detail.error?.code === 'ACCESS_EXCLUDED') cast.excludedCrn = person.crn;
      continue;
    }
    if (person.accessRestricted || !detail.value.owner) continue;
    const o = detail.value.owner;
    if (o.staffCode === ownerStatus.user.staffCode && o.available) cast.ownersPeople.push({ crn: person.crn, name: detail.value.name });
    else if (!o.available && o.deputies.length === 0) cast.hubPeople.push({ crn: person.crn, name: detail.value.name });
  }
  if (cast.ownersPeople.length < 3 || cast.hubPeople.length < 1 || !cast.excludedCrn) {
    throw new Error(`the demonstration group does not have the cast the tests need: ${JSON.stringify(cast)}`);
  }
  return cast;
}
