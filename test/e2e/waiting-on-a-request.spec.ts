/**
 * A practitioner waiting on a request sees who holds it, until when, and how to reach them: the
 * offender manager's phone and email while it is with them, and the NPS hub's duty line with the
 * hub's own due time once it has passed to the hub.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

interface Created {
  results: Array<{ request: { id: number } }>;
}

const ask = (crn: string) => ({
  crns: [crn],
  scope: 'RISK_MANAGEMENT_PLAN',
  purpose: 'PROGRAMME_DELIVERY',
  justification: 'The group starts this week and I need to plan the sessions safely.',
  urgency: 'ROUTINE',
  durationDays: 7,
});

test('the requester sees who holds the request, until when and how to reach them, and the hub’s own due time once it passes to the hub', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const tutorApi = host.as(TUTOR);
  const withOwner = (await tutorApi.call<Created>('requests.create', ask(cast.ownersPeople[0]!.crn))).results[0]!.request.id;
  const withHub = (await tutorApi.call<Created>('requests.create', ask(cast.hubPeople[0]!.crn))).results[0]!.request.id;

  const person = await people.open(TUTOR);
  const tutor = person.page;
  await tutor.goto(`${host.origin}/#/requests/${withOwner}`);
  const owner = tutor.getByTestId('holder-owner');
  // A routine request asked on Monday 2 March at 10:00 gives the owner one working day.
  await expect(owner).toContainText(`${cast.ownerName}, to decide by 3 March 2026, 10:00`);
  await expect(owner).toContainText(/Phone 020 7946 0\d{3}/);
  await expect(owner).toContainText(/Email \S+@\S+\.probation\.example/);
  await expect(tutor.getByTestId('holder-hub')).toHaveCount(0);
  await expectAccessible(tutor, 'request with who holds it');
  await saveScreenshot(tutor, 'crc-practitioner-who-has-it');

  // The owner is away: the hub has it from the start, reached on its duty line.
  await tutor.goto(`${host.origin}/#/requests/${withHub}`);
  await expect(tutor.getByTestId('holder-hub')).toContainText(/central hub, to decide by \d{1,2} March 2026, \d\d:\d\d/);
  await expect(tutor.getByTestId('holder-hub')).toContainText(/Phone 0113 496 0\d{3}/);
  await expect(tutor.getByTestId('holder-owner')).toHaveCount(0);

  // A day and an hour later the owner's deadline has passed: the hub holds it, due by its own time, not the passed one.
  await host.advanceClock(25 * 60);
  // A day later the session has ended: sign in again, as the practitioner would.
  await tutor.reload();
  await person.signInAgain();
  await tutor.goto(`${host.origin}/#/requests/${withOwner}`);
  const hub = tutor.getByTestId('holder-hub');
  await expect(hub).toContainText(/central hub, to decide by \d{1,2} March 2026, \d\d:\d\d/);
  await expect(hub).not.toContainText('3 March 2026, 10:00');
  await expect(tutor.getByTestId('holder-owner')).toHaveCount(0);
});
