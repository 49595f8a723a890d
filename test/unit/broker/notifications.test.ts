import { describe, expect, it } from 'vitest';
import { PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

describe('notifications', () => {
  it('tells the owner and the deputy about a new request, not the requester', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya');
    for (const who of ['olivia', 'dev'] as const) {
      const n = await fx.call(who, 'notifications.list', {});
      expect(n.unread, who).toBe(1);
      expect(n.rows[0]).toMatchObject({ kind: 'REQUEST_NEW', crn: PEOPLE.warrant.crn, readAt: null });
    }
    expect((await fx.call('priya', 'notifications.list', {})).unread).toBe(0);
  });

  it('tells the hub, with the reason, when a request goes straight to it', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    const n = await fx.call('hana', 'notifications.list', {});
    expect(n.rows[0]?.body).toContain('Alex Away is on leave until');
  });

  it('marks one or all as read, only the user\'s own', async () => {
    const fx = await fixture();
    await createRequest(fx, 'priya');
    await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    const mine = await fx.call('olivia', 'notifications.list', {});
    const devs = await fx.call('dev', 'notifications.list', {});
    expect(await fx.call('olivia', 'notifications.markRead', { ids: [mine.rows[0]!.id, devs.rows[0]!.id] })).toEqual({ unread: 1 });
    expect((await fx.call('dev', 'notifications.list', {})).unread).toBe(2);
    expect(await fx.call('olivia', 'notifications.markRead', { ids: 'ALL' })).toEqual({ unread: 0 });
    expect((await fx.call('olivia', 'notifications.list', { unreadOnly: true })).rows).toEqual([]);
  });
});
