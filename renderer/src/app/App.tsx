/**
 * The whole app: first run (desktop only), sign-in, the lock screen, or the signed-in screens.
 * Any answer from the broker saying the session is locked or has ended brings the right screen up,
 * whatever screen asked.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionStatus } from '../../../shared/contract/auth';
import type { SetupStatus } from '../../../shared/contract/setup';
import { BrokerConnectionBanner } from '../broker/BrokerConnectionBanner';
import { call, onSessionProblem } from '../broker/call';
import { onSessionChanged, useBrokerConnection } from '../broker/live-updates';
import { Footer, Header, SkipLink } from './Layout';
import { SessionContext, type SessionApi } from './session';
import { SignedInApp } from './SignedInApp';
import { SignInScreen } from '../screens/account/SignInScreen';
import { LockScreen } from '../screens/account/LockScreen';
import { FirstRunScreen } from '../screens/account/FirstRunScreen';
import { learnCoreTime } from './core-clock';

type Ready = Extract<SetupStatus, { state: 'READY' }>;

type Phase =
  | { kind: 'starting' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'first-run' }
  | { kind: 'ready'; setup: Ready; status: SessionStatus };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });

  const applyStatus = useCallback((status: SessionStatus) => {
    if (status.state === 'SIGNED_IN') learnCoreTime(status.now);
    setPhase((current) => (current.kind === 'ready' ? { ...current, status } : current));
  }, []);

  const start = useCallback(async () => {
    const setup = await call('setup.status', {});
    if (!setup.ok) return setPhase({ kind: 'unavailable', message: setup.error.message });
    if (setup.value.state === 'NOT_SET_UP') return setPhase({ kind: 'first-run' });
    const readySetup = setup.value;
    const status = await call('auth.status', {});
    if (!status.ok) return setPhase({ kind: 'unavailable', message: status.error.message });
    if (status.value.state === 'SIGNED_IN') learnCoreTime(status.value.now);
    setPhase({ kind: 'ready', setup: readySetup, status: status.value });
  }, []);

  const refresh = useCallback(async () => {
    const status = await call('auth.status', {});
    if (status.ok) applyStatus(status.value);
  }, [applyStatus]);

  useEffect(() => {
    // start() sets state only after the broker answers, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void start();
  }, [start]);

  useEffect(() => onSessionProblem(() => void refresh()), [refresh]);
  useEffect(() => onSessionChanged(() => void refresh()), [refresh]);

  // A connected desktop that started while its broker was out of reach starts again once it answers.
  const connection = useBrokerConnection();
  const brokerBack = connection?.mode === 'connected' && connection.reachable;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (brokerBack && phase.kind === 'unavailable') void start();
  }, [brokerBack, phase.kind, start]);

  const status = phase.kind === 'ready' ? phase.status : null;
  const demo = phase.kind === 'ready' && phase.setup.demo;
  const session: SessionApi | null = useMemo(
    () => (status?.state === 'SIGNED_IN' ? { status, user: status.user, demo, setStatus: applyStatus, refresh } : null),
    [status, demo, applyStatus, refresh],
  );

  if (phase.kind === 'starting') {
    return (
      <Frame demo={false}>
        <p className="govuk-body" role="status">
          Starting…
        </p>
      </Frame>
    );
  }
  if (phase.kind === 'unavailable') {
    return (
      <Frame demo={false}>
        <h1 className="govuk-heading-l">Sorry, the broker is not available</h1>
        <p className="govuk-body">{phase.message}</p>
      </Frame>
    );
  }
  if (phase.kind === 'first-run') {
    return (
      <Frame demo={false}>
        <FirstRunScreen onReady={() => void start()} />
      </Frame>
    );
  }
  if (phase.status.state === 'SIGNED_OUT') {
    return (
      <Frame demo={phase.setup.demo}>
        <SignInScreen demoAccounts={phase.setup.demo ? phase.setup.demoAccounts : []} onSignedIn={applyStatus} />
      </Frame>
    );
  }
  if (phase.status.state === 'LOCKED') {
    return (
      <Frame demo={phase.setup.demo}>
        <LockScreen user={phase.status.user} onStatus={applyStatus} />
      </Frame>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <SignedInApp />
    </SessionContext.Provider>
  );
}

/** The frame of the screens shown before anyone is signed in. */
function Frame({ demo, children }: { demo: boolean; children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <Header />
      <BrokerConnectionBanner />
      <div className="rab-page">
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
      <Footer demo={demo} />
    </>
  );
}
