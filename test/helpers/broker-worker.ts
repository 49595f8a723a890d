/**
 * A second (and third) connection to the same store, in its own process, for the concurrency
 * tests. Run with `node --import tsx`; the store path, key and clock come in the environment.
 * Prints one JSON line: what this process managed to do.
 */
import { DAY } from '../../electron/core/clock/clock';
import { TestClock } from '../../electron/core/clock/clock';
import { createBrokerCore } from '../../electron/core/rpc/broker-core';
import { keychainAccount, openStore } from '../../electron/core/store/open-store';
import { MemoryKeyStore } from '../../electron/core/store/key-store';

const { RAB_STORE, RAB_KEY, RAB_NOW, RAB_TASK, RAB_USER, RAB_PASSWORD, RAB_REQUESTS } = process.env;

const keyStore = new MemoryKeyStore();
await keyStore.set(keychainAccount(RAB_STORE!), { keyHex: RAB_KEY! });
const store = await openStore({ path: RAB_STORE!, keyStore });
const clock = new TestClock(Number(RAB_NOW));
const core = createBrokerCore({ db: store.engine, clock });

const result: Record<string, number> = { escalated: 0, decided: 0, alreadyDecided: 0, otherErrors: 0 };
if (RAB_TASK === 'sweep') {
  for (let i = 0; i < 20; i++) {
    result.escalated! += (await core.sweep()).escalated;
    clock.set(clock.now() + DAY / 1000);
  }
} else {
  const conn = core.connect();
  const signIn = await core.dispatch('auth.signIn', conn, { username: RAB_USER, password: RAB_PASSWORD });
  if (!signIn.ok) throw new Error(signIn.error.message);
  for (const id of JSON.parse(RAB_REQUESTS!) as number[]) {
    const r = RAB_TASK === 'approve'
      ? await core.dispatch('requests.approve', conn, { requestId: id })
      : await core.dispatch('requests.deny', conn, { requestId: id, reasonCode: 'OTHER', reason: 'Decided by the hub after a call.' });
    if (r.ok) result.decided!++;
    else if (r.error.code === 'ALREADY_DECIDED') result.alreadyDecided!++;
    else result.otherErrors!++;
  }
}
store.close();
console.log(JSON.stringify(result));
