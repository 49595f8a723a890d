/**
 * The record viewer. It shows only the sections the broker returned, read-only, under a watermark
 * with the viewer's name and the time. It closes itself, dropping the record from the page, the
 * moment access ends: at the end time (a timer on the core's clock) and on revocation or
 * suspension (the grant's state is checked as soon as the broker says the record or the access
 * changed; and every few seconds when nothing is pushed, every few minutes while it is).
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { RecordView } from '../../../../shared/contract/records';
import type { AppErrorShape } from '../../../../shared/errors';
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useBrokerConnection } from '../../broker/live-updates';
import { grantCheckInterval } from '../../broker/refresh-intervals';
import { NotificationBanner } from '../../components/Banner';
import { Countdown } from '../../components/Countdown';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { ACCESS_ROUTE_LABELS } from '../../format/access';
import { formatDateTime, formatIsoDate, formatTime } from '../../format/time';
import { coreNow, learnCoreTime, useCoreNow } from '../../app/core-clock';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { FrontSheetSection, FullRecordSection, RiskManagementPlanSection, RoshSummarySection } from './RecordSections';
import { Watermark } from './Watermark';

type Viewer =
  | { kind: 'loading' }
  | { kind: 'open'; view: RecordView }
  | { kind: 'closed'; why: string }
  | { kind: 'refused'; error: AppErrorShape };

/** Why the open record must close now, or null while the access still stands. */
async function whyClosed(view: RecordView, crn: string): Promise<string | null> {
  if (view.access.grantId === null) {
    const result = await call('people.get', { crn });
    if (!result.ok) return result.error.message;
    return result.value.myAccess.scope ? null : 'You no longer have access to this record.';
  }
  const result = await call('grants.get', { grantId: view.access.grantId });
  // An offline copy closes at its own limit (access.until); the broker being away does not close it.
  if (!result.ok) return view.offline && result.error.code === 'BROKER_UNAVAILABLE' ? null : result.error.message;
  const g = result.value;
  if (g.state === 'REVOKED') return `Your access was revoked by ${g.revokedByName ?? 'the case owner'}${g.revokeReason ? `: ${g.revokeReason}` : '.'}`;
  if (g.state === 'SUSPENDED') return 'Your access is suspended.';
  if (g.state === 'EXPIRED' || g.endAt <= coreNow()) return `Your access ended at ${formatDateTime(g.endAt)}.`;
  return null;
}

export function RecordViewerScreen({ crn }: { crn: string }) {
  const { user } = useSession();
  const [viewer, setViewer] = useState<Viewer>({ kind: 'loading' });
  const connection = useBrokerConnection();

  useEffect(() => {
    let live = true;
    void call('records.read', { crn }).then((result) => {
      if (!live) return;
      if (!result.ok) return setViewer({ kind: 'refused', error: result.error });
      learnCoreTime(result.value.readAt);
      setViewer({ kind: 'open', view: result.value });
    });
    return () => {
      live = false;
    };
  }, [crn]);

  const close = useCallback((why: string) => setViewer({ kind: 'closed', why }), []);
  const view = viewer.kind === 'open' ? viewer.view : null;

  // Revocation, suspension or expiry as the core sees it: asked on every pushed change to the record
  // or the access (live-query.ts), and on a timer, short when nothing is pushed (refresh-intervals.ts).
  // The record itself is read once, outside the cache: each read is audited, and a closed record must
  // not be read again.
  const check = useQuery({
    queryKey: ['record', 'still-open', crn, view?.access.grantId ?? null],
    enabled: view !== null,
    refetchInterval: grantCheckInterval(connection),
    refetchIntervalInBackground: true,
    // Not the client's default (the previous answer while the next loads): another grant's "still
    // open" must never stand in for this one's.
    placeholderData: undefined,
    queryFn: async () => {
      const why = view ? await whyClosed(view, crn) : null;
      // Closing is for good: the record leaves the page and is not asked for again.
      if (why !== null) close(why);
      return why;
    },
  });
  const closedWhy = viewer.kind === 'closed' ? viewer.why : (check.data ?? null);
  const shown: Viewer = closedWhy !== null ? { kind: 'closed', why: closedWhy } : viewer;

  const open = shown.kind === 'open' ? shown.view : null;
  const title = open ? open.person.name : shown.kind === 'closed' ? 'This record has closed' : 'Record';
  return (
    <Page title={title} caption={open ? `CRN ${open.crn}` : undefined} width="full" before={<BackLink href={href('/grants')}>My access</BackLink>}>
      {shown.kind === 'loading' ? <LoadProblem loading error={undefined} /> : null}
      {shown.kind === 'refused' ? (
        <NotificationBanner title="Access refused" heading="You cannot read this record now" testId="record-refused">
          <p className="govuk-body">{shown.error.message}</p>
          <p className="govuk-body">
            <a className="govuk-notification-banner__link" href={href(`/people/${crn}`)}>
              Request access
            </a>
          </p>
        </NotificationBanner>
      ) : null}
      {shown.kind === 'closed' ? (
        <NotificationBanner title="Access ended" heading="The record has been closed" focus testId="record-closed">
          <p className="govuk-body" data-testid="record-closed-reason">
            {shown.why}
          </p>
          <p className="govuk-body">
            <a className="govuk-notification-banner__link" href={href(`/people/${crn}`)}>
              Ask for access again
            </a>
          </p>
        </NotificationBanner>
      ) : null}
      {open ? <OpenRecord view={open} viewerName={user.displayName} onEnd={() => close(`Your access ended at ${formatDateTime(open.access.until ?? coreNow())}.`)} /> : null}
    </Page>
  );
}

function OpenRecord({ view, viewerName, onEnd }: { view: RecordView; viewerName: string; onEnd: () => void }) {
  const now = useCoreNow(30_000);
  const until = view.access.until;
  useEffect(() => {
    if (until !== null && until <= now) onEnd();
  }, [until, now, onEnd]);
  return (
    <div className="rab-record" data-testid="record-viewer">
      <Watermark name={viewerName} at={now} />
      {view.offline ? (
        <NotificationBanner title="Offline copy" heading={`Offline copy, last checked with the broker at ${formatTime(view.offline.lastCheckedAt)}`} testId="offline-copy">
          <p className="govuk-body">The broker cannot be reached. This is the copy kept on this computer of what you were granted; this read is recorded and will be added to the audit trail when the broker is back.</p>
        </NotificationBanner>
      ) : null}
      {view.access.route === 'EMERGENCY' ? (
        <NotificationBanner title="Emergency safety access" heading="Front sheet only. This use is being reviewed by the NPS hub.">
          <p className="govuk-body">The offender manager and the hub have been told.</p>
        </NotificationBanner>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: 'Date of birth', value: formatIsoDate(view.person.dob) },
              { key: 'Gender', value: view.person.gender === 'M' ? 'Male' : view.person.gender === 'F' ? 'Female' : 'Not stated' },
              view.person.pnc !== null && { key: 'PNC', value: view.person.pnc },
              view.person.noms !== null && { key: 'NOMS number', value: view.person.noms },
              view.person.tier !== null && { key: 'Tier', value: view.person.tier },
              { key: 'Offender manager', value: view.person.ownerName ?? 'Not recorded' },
            ]}
          />
        </div>
        <div className="govuk-grid-column-one-third">
          <div className="rab-side-panel" data-testid="access-panel">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Your access</h2>
            <p className="govuk-body govuk-!-margin-bottom-1">{SCOPE_LABELS[view.access.scope]}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{ACCESS_ROUTE_LABELS[view.access.route]}</p>
            {until !== null ? (
              <p className="govuk-body govuk-!-margin-bottom-0">
                Until {formatDateTime(until)}
                <br />
                <Countdown endAt={until} onEnd={onEnd} label="Your access to this record" />
              </p>
            ) : null}
          </div>
        </div>
      </div>
      {view.frontSheet ? <FrontSheetSection sheet={view.frontSheet} /> : null}
      {view.roshSummary ? <RoshSummarySection rosh={view.roshSummary} /> : null}
      {view.riskManagementPlan ? <RiskManagementPlanSection plan={view.riskManagementPlan} /> : null}
      {view.fullRecord ? <FullRecordSection record={view.fullRecord} /> : null}
    </div>
  );
}
