/**
 * The signed-in app: the frame, the idle lock and the screen the fragment names. Screens check
 * nothing themselves beyond what they show: the broker authorises every call.
 */
import { useCallback, type ReactNode } from 'react';
import { call } from '../broker/call';
import { queryClient } from '../broker/live-query';
import { NotificationBanner } from '../components/Banner';
import { Page } from '../components/Page';
import { NotificationsScreen } from '../screens/account/NotificationsScreen';
import { AuditScreen } from '../screens/admin/AuditScreen';
import { ClockScreen } from '../screens/admin/ClockScreen';
import { ImportScreen } from '../screens/admin/ImportScreen';
import { LaoScreen } from '../screens/admin/LaoScreen';
import { NewUserScreen } from '../screens/admin/NewUserScreen';
import { PolicyScreen } from '../screens/admin/PolicyScreen';
import { UserScreen } from '../screens/admin/UserScreen';
import { UsersScreen } from '../screens/admin/UsersScreen';
import { EmergencyReviewsScreen } from '../screens/hub/EmergencyReviewsScreen';
import { RefusalReviewsScreen } from '../screens/hub/RefusalReviewsScreen';
import { AbsencesScreen } from '../screens/owner/AbsencesScreen';
import { BulkDecideScreen } from '../screens/owner/BulkDecideScreen';
import { CaseloadScreen } from '../screens/owner/CaseloadScreen';
import { DecideScreen } from '../screens/owner/DecideScreen';
import { QueueScreen } from '../screens/owner/QueueScreen';
import { WhoCanSeeScreen } from '../screens/owner/WhoCanSeeScreen';
import { BatchRequestScreen } from '../screens/practitioner/BatchRequestScreen';
import { EmergencyAccessScreen } from '../screens/practitioner/EmergencyAccessScreen';
import { ExtendGrantScreen } from '../screens/practitioner/ExtendGrantScreen';
import { FindPersonScreen } from '../screens/practitioner/FindPersonScreen';
import { MyGrantsScreen } from '../screens/practitioner/MyGrantsScreen';
import { MyRequestsScreen } from '../screens/practitioner/MyRequestsScreen';
import { PersonScreen } from '../screens/practitioner/PersonScreen';
import { RecordViewerScreen } from '../screens/practitioner/RecordViewerScreen';
import { RequestAccessScreen } from '../screens/practitioner/RequestAccessScreen';
import { RequestScreen } from '../screens/practitioner/RequestScreen';
import { ReportsScreen } from '../screens/reports/ReportsScreen';
import { useIdleLock } from './idle-lock';
import { Layout } from './Layout';
import { homeFor, mayOpen, type ScreenKey } from './screen-access';
import { href, navigate, useRoute, type Route } from './router';
import { hasRole, useSession, type SessionApi } from './session';
import { useEffect } from 'react';

const positiveId = (raw: string | undefined): number | null => (raw && /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null);
const crnOf = (raw: string | undefined): string | null => (raw && /^[A-Z]\d{6}$/.test(raw) ? raw : null);

function NotFound() {
  return (
    <Page title="Page not found">
      <p className="govuk-body">There is no such page.</p>
      <p className="govuk-body">
        <a className="govuk-link" href="#/">
          Go to your start page
        </a>
      </p>
    </Page>
  );
}

function NotForYou() {
  return (
    <Page title="You cannot use this page">
      <p className="govuk-body">Your account does not have the role this page needs. Ask an administrator if you think it should.</p>
    </Page>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to);
  }, [to]);
  return null;
}

/** The screen for a route, or null when none matches. */
export function screenFor(route: Route, session: SessionApi): ReactNode {
  const [first, second, third] = route.segments;
  const only = (key: ScreenKey, screen: ReactNode) => (mayOpen(session.user, key) ? screen : <NotForYou />);
  const id = positiveId(second);
  const crn = crnOf(second);
  switch (first) {
    case undefined:
      return <Redirect to={homeFor(session.user)} />;
    case 'notifications':
      return only('notifications', <NotificationsScreen />);
    case 'people':
      if (!second) return only('findPerson', <FindPersonScreen />);
      if (!crn) return null;
      if (third === 'request') return only('requestAccess', <RequestAccessScreen crn={crn} />);
      return third ? null : only('person', <PersonScreen crn={crn} />);
    case 'records':
      return crn && !third ? only('record', <RecordViewerScreen key={crn} crn={crn} />) : null;
    case 'requests':
      if (!second) return only('myRequests', <MyRequestsScreen />);
      if (second === 'batch') return only('batchRequest', <BatchRequestScreen />);
      if (!id) return null;
      if (third === 'emergency') return only('emergencyAccess', <EmergencyAccessScreen requestId={id} />);
      return third ? null : only('request', <RequestScreen key={id} requestId={id} />);
    case 'grants':
      if (!second) return only('myGrants', <MyGrantsScreen />);
      return id && third === 'extend' ? only('extendGrant', <ExtendGrantScreen grantId={id} />) : null;
    case 'inbox':
      return only('inbox', <QueueScreen key="inbox" kind="inbox" />);
    case 'decide':
      return id ? only('decide', <DecideScreen key={id} requestId={id} />) : null;
    case 'decide-bulk':
      return only('bulkDecide', <BulkDecideScreen />);
    case 'caseload':
      if (!second) return only('caseload', <CaseloadScreen />);
      return crn ? only('whoCanSee', <WhoCanSeeScreen crn={crn} />) : null;
    case 'absences':
      return only('absences', <AbsencesScreen />);
    case 'hub':
      return only('hubQueue', <QueueScreen key="hub" kind="hub" />);
    case 'emergency-reviews':
      return only('emergencyReviews', <EmergencyReviewsScreen />);
    case 'reviews':
      return second ? null : only('refusalReviews', <RefusalReviewsScreen />);
    case 'reports':
      return second ? null : only('reports', <ReportsScreen />);
    case 'admin':
      switch (second) {
        case 'users':
          if (!third) return only('users', <UsersScreen />);
          if (third === 'new') return only('newUser', <NewUserScreen />);
          return positiveId(third) ? only('user', <UserScreen userId={Number(third)} />) : null;
        case 'import':
          return only('import', <ImportScreen />);
        case 'policy':
          return only('policy', <PolicyScreen />);
        case 'audit':
          return only('audit', <AuditScreen />);
        case 'clock':
          return only('clock', <ClockScreen />);
        case 'lao':
          return only('lao', <LaoScreen />);
        default:
          return null;
      }
    default:
      return null;
  }
}

export function SignedInApp() {
  const session = useSession();
  const route = useRoute();
  const { setStatus } = session;
  // What one person loaded is never shown to the next: the cache goes when the window locks or signs out.
  useEffect(() => () => queryClient.clear(), []);

  const lock = useCallback(() => {
    void call('auth.lock', {}).then((r) => (r.ok ? setStatus(r.value) : undefined));
  }, [setStatus]);
  const signOut = useCallback(() => {
    void call('auth.signOut', {}).then((r) => {
      if (!r.ok) return;
      window.location.hash = '#/';
      setStatus(r.value);
    });
  }, [setStatus]);
  useIdleLock(session.status.idleLockMinutes, lock);

  const screen = screenFor(route, session);
  return (
    <Layout onLock={lock} onSignOut={signOut}>
      {session.status.readsPaused ? (
        <NotificationBanner title="Reads paused" heading="The computer clock has gone back, so records cannot be read until an administrator checks it.">
          {hasRole(session.user, 'admin') ? (
            <p className="govuk-body">
              <a className="govuk-notification-banner__link" href={href('/admin/clock')}>
                Check the clock
              </a>
            </p>
          ) : null}
        </NotificationBanner>
      ) : null}
      {session.status.signedInOffline ? (
        <div className="govuk-inset-text" role="status" data-testid="signed-in-offline">
          You signed in on this computer while the broker could not be reached. You can read your offline copy: the records you read through a grant recently, your access and
          your requests. Anything else needs the broker: when it is back you will be asked to sign in again, and what you read offline will be sent to it.
        </div>
      ) : null}
      {screen ?? <NotFound />}
    </Layout>
  );
}
