import { describe, expect, it } from 'vitest';
import { run, sql } from '../../../electron/core/store/sql';
import { PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

/** A second NPS division with its own hub team and one active hub member, sorting before London's. */
async function addNorthWestHub(fx: BrokerFixture): Promise<void> {
  await run(fx.engine, sql`INSERT INTO providers (code, name, sector) VALUES ('N01', 'NPS North West', 'NPS')`);
  await run(fx.engine, sql`INSERT INTO teams (code, provider_code, name, pdu, ldu, phone, email) VALUES ('N01HUB', 'N01', 'NPS North West Hub', 'Manchester', 'Hub', '0161 496 0001', 'hub.n01@n01.probation.example')`);
  await run(fx.engine, sql`INSERT INTO staff (code, team_code, forename, surname, grade) VALUES ('N01HUB1', 'N01HUB', 'Nia', 'North', 'HUB')`);
  await run(fx.engine, sql`INSERT INTO users (username, display_name, staff_code, password_hash, created_at) VALUES ('nia', 'Nia North', 'N01HUB1', 'x', ${fx.clock.now()})`);
  await run(fx.engine, sql`INSERT INTO user_roles (user_id, role) SELECT id, 'hub' FROM users WHERE username = 'nia'`);
}

describe('who holds a request and how to reach them', () => {
  it('gives the hub of the case’s own division when there is more than one hub team', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE teams SET phone = '020 7946 0001', email = 'hub@n07.probation.example' WHERE code = 'N07HUB'`);
    await addNorthWestHub(fx);
    // The owner is on leave with no deputy: the request goes to the hub at once.
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    const { holders } = await fx.call('priya', 'requests.get', { requestId: r.id });
    expect(holders).toEqual([expect.objectContaining({ role: 'HUB', name: 'NPS London Hub', phone: '020 7946 0001', email: 'hub@n07.probation.example' })]);
  });

  it('gives another division’s hub when the case’s own division has no active hub member', async () => {
    const fx = await fixture();
    await addNorthWestHub(fx);
    await run(fx.engine, sql`UPDATE users SET active = 0 WHERE staff_code IN (SELECT code FROM staff WHERE team_code = 'N07HUB')`);
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    const { holders } = await fx.call('priya', 'requests.get', { requestId: r.id });
    expect(holders).toEqual([expect.objectContaining({ role: 'HUB', name: 'NPS North West Hub', phone: '0161 496 0001' })]);
  });

  it('says when the owner is away in the UK way: the day, month and year, and the time', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    expect(r.whereAndWhy).toMatch(/^With the NPS hub: Alex Away is on leave until \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$/);
  });
});
