/**
 * "Use this computer only": the same subscription, fed from the store's notifications table, so a
 * window on an embedded store hears what changed as a connected one does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../shared/contract/broker-connection';
import { EmbeddedLiveUpdates } from '../../../electron/core/connected/embedded-live-updates';
import { LiveFeed } from '../../../electron/core/server/live-feed';
import { useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

async function setUp() {
  const fx = await fixture();
  // A long timer: the test publishes itself, as the host does after each call.
  const live = new EmbeddedLiveUpdates({ feed: new LiveFeed(fx.engine), sessions: fx.core.sessions, everyMs: 3_600_000 });
  stops.push(() => live.close());
  const heard = (who: 'olivia' | 'priya') => {
    const events: BridgeEvent[] = [];
    stops.push(live.subscribe(fx.users[who].conn, (e) => events.push(e)));
    return events;
  };
  return { fx, live, heard };
}

describe('live updates on an embedded store', () => {
  it('tells the window the store is on this computer, then which views changed for the person signed in there', async () => {
    const { fx, live, heard } = await setUp();
    const owner = heard('olivia');
    expect(owner).toEqual([{ kind: 'connection', status: { mode: 'embedded' } }]);
    const request = await createRequest(fx, 'priya');
    await live.publish();
    expect(owner[1]).toMatchObject({ kind: 'update', update: { views: expect.arrayContaining(['inbox', 'notifications']), requestIds: [request.id] } });
  });

  it('tells a window at once when its session locks on the idle limit', async () => {
    const { fx, live, heard } = await setUp();
    const owner = heard('olivia');
    await live.publish();
    expect(owner.filter((e) => e.kind === 'session')).toEqual([]);
    fx.clock.advanceHours(2);
    await live.publish();
    expect(owner.filter((e) => e.kind === 'session')).toEqual([{ kind: 'session' }]);
  });

  it('tells a window nothing of another person, and nothing while it is signed out', async () => {
    const { fx, live, heard } = await setUp();
    const practitioner = heard('priya');
    await fx.call('olivia', 'auth.signOut', {});
    const owner = heard('olivia');
    await createRequest(fx, 'priya');
    await live.publish();
    expect(practitioner.filter((e) => e.kind === 'update')).toEqual([]);
    expect(owner.filter((e) => e.kind === 'update')).toEqual([]);
  });
});
