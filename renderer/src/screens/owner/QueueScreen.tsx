/**
 * A decider's queue: the offender manager's inbox (own cases and those deputised) or the hub's
 * fallback queue. Oldest deadline first, overdue marked, the person's risk beside each request,
 * filterable, sortable and virtualised for queues of thousands. Requests can be picked (a whole
 * batch at once) for a bulk decision.
 */
import { useEffect, useMemo, useState } from 'react';
import type { InboxRow } from '../../../../shared/contract/common';
import type { HubQueueCursor } from '../../../../shared/contract/requests';
import type { AppErrorShape } from '../../../../shared/errors';
import { SCOPE_LABELS } from '../../../../shared/domain/access';
import { call } from '../../broker/call';
import { useAllPages } from '../../broker/use-all-pages';
import { useKeysetPages } from '../../broker/use-keyset-pages';
import { ListFilter } from '../../components/ListFilter';
import { LoadProblem, Page } from '../../components/Page';
import { mappaLabel } from '../../components/RiskSummaryPanel';
import { OverdueTag, RestrictedTag, RiskTag, UrgencyTag } from '../../components/Tags';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { compareNumber, compareText, matchesText } from '../../format/filter';
import { formatDateTime } from '../../format/time';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { HUB_REASON_LABELS } from './hub-reasons';

const URGENCY_RANK = { IMMEDIATE_SAFETY: 0, WITHIN_2_WORKING_DAYS: 1, ROUTINE: 2 } as const;

export interface QueueScreenProps {
  kind: 'inbox' | 'hub';
}

export function QueueScreen({ kind }: QueueScreenProps) {
  return kind === 'hub' ? <HubQueue /> : <Inbox />;
}

interface QueueList {
  /** The rows to show, filtered. */
  rows: InboxRow[];
  /** Every row loaded (a batch is picked among these). */
  loadedRows: InboxRow[];
  total: number;
  overdueCount: number;
  loaded: boolean;
  error: AppErrorShape | undefined;
  onNearEnd?: () => void;
}

interface Filters {
  text: string;
  setText: (text: string) => void;
  overdueOnly: boolean;
  setOverdueOnly: (on: boolean) => void;
}

/** The owner's inbox is at most a caseload's requests: loaded whole, filtered and sorted in the window. */
function Inbox() {
  const [text, setText] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useAllPages<InboxRow, { overdue?: number }>('inbox', ['open'], (offset, limit) => call('requests.inbox', { offset, limit, filter: 'OPEN' }));
  const rows = useMemo(
    () => list.rows.filter((r) => (!overdueOnly || r.overdue) && matchesText([r.personName, r.crn, r.requesterName, r.requesterProvider, r.ownerName], text)),
    [list.rows, text, overdueOnly],
  );
  const queue: QueueList = { rows, loadedRows: list.rows, total: list.total, overdueCount: list.rows.filter((r) => r.overdue).length, loaded: list.loaded, error: list.error };
  return <QueueView kind="inbox" list={queue} filters={{ text, setText, overdueOnly, setOverdueOnly }} />;
}

/** How long typing must pause before the hub queue asks the server again. */
const FILTER_PAUSE_MS = 250;

/**
 * The hub queue can hold tens of thousands of requests nationally: the server filters and orders
 * it, and the screen loads one page by (deadline, id) and the next as the reader scrolls.
 */
function HubQueue() {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setAsked(text.trim()), FILTER_PAUSE_MS);
    return () => clearTimeout(t);
  }, [text]);
  const list = useKeysetPages<InboxRow, HubQueueCursor, { overdue: number }>('hubQueue', ['open', asked, overdueOnly], (after, limit) =>
    call('requests.hubQueue', { limit, after, filter: 'OPEN', text: asked, overdueOnly }),
  );
  const { loadMore } = list;
  const queue: QueueList = {
    rows: list.rows,
    loadedRows: list.rows,
    total: list.total,
    overdueCount: list.extra?.overdue ?? 0,
    loaded: list.loaded && asked === text.trim(),
    error: list.error,
    onNearEnd: list.more ? loadMore : undefined,
  };
  return <QueueView kind="hub" list={queue} filters={{ text, setText, overdueOnly, setOverdueOnly }} />;
}

function QueueView({ kind, list, filters }: { kind: 'inbox' | 'hub'; list: QueueList; filters: Filters }) {
  const { user } = useSession();
  const { text, setText, overdueOnly, setOverdueOnly } = filters;
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const { rows, overdueCount } = list;

  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const selectBatch = (batchId: string) =>
    setSelected((current) => new Set([...current, ...list.loadedRows.filter((r) => r.batchId === batchId && r.canDecide).map((r) => r.id)]));
  const chosen = [...selected].filter((id) => list.loadedRows.some((r) => r.id === id && r.canDecide));

  const allColumns: Column<InboxRow>[] = [
    {
      key: 'select',
      header: 'Select',
      render: (r) =>
        r.canDecide ? (
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" type="checkbox" id={`select-${r.id}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${r.id}`}>
                <span className="govuk-visually-hidden">Select the request for {r.personName}</span>
              </label>
            </div>
          </div>
        ) : null,
    },
    {
      key: 'person',
      header: 'Person',
      compare: (a, b) => compareText(a.personName, b.personName),
      render: (r) => (
        <>
          <a className="govuk-link" href={href(`/decide/${r.id}`)} data-testid="decide-link">
            {r.personName}
          </a>
          <br />
          <span className="govuk-body-s">{r.crn}</span>
          {kind === 'inbox' && r.ownerStaffCode !== user.staffCode && r.ownerName ? (
            <span className="govuk-body-s">
              <br />
              Deputising for {r.ownerName}
            </span>
          ) : null}
          {r.batchId && r.canDecide ? (
            <>
              <br />
              <button type="button" className="govuk-body-s rab-link-button" onClick={() => selectBatch(r.batchId ?? '')}>
                Select group<span className="govuk-visually-hidden"> asked for with {r.personName}</span>
              </button>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'request',
      header: 'Asked for',
      compare: (a, b) => compareText(a.requesterName, b.requesterName),
      render: (r) => (
        <>
          {SCOPE_LABELS[r.scope]}
          <span className="govuk-body-s">
            <br />
            by {r.requesterName}
            {r.requesterProvider ? `, ${r.requesterProvider}` : ''}
          </span>
        </>
      ),
    },
    { key: 'urgency', header: 'Urgency', compare: (a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency], render: (r) => <UrgencyTag urgency={r.urgency} short /> },
    {
      key: 'deadline',
      header: 'Decision due',
      compare: (a, b) => compareNumber(a.deadline, b.deadline),
      render: (r) => (
        <>
          {formatDateTime(r.deadline)}
          {r.overdue ? (
            <>
              <br />
              <OverdueTag />
            </>
          ) : null}
        </>
      ),
    },
    ...(kind === 'hub'
      ? [
          {
            key: 'why',
            header: 'Why it is with the hub',
            compare: (a: InboxRow, b: InboxRow) => compareText(a.hubReason, b.hubReason),
            render: (r: InboxRow) => (
              <>
                <span data-testid="hub-reason">{r.hubReason ? HUB_REASON_LABELS[r.hubReason] : ''}</span>
                {r.hubReason === 'OWNER_ABSENT' ? (
                  <span className="govuk-body-s">
                    <br />
                    {r.whereAndWhy.replace(/^With the NPS hub:\s*/, '')}
                  </span>
                ) : null}
              </>
            ),
          },
        ]
      : []),
    {
      key: 'risk',
      header: 'Risk',
      compare: (a, b) => compareText(a.risk.roshLevel, b.risk.roshLevel),
      render: (r) => (
        <>
          <RiskTag level={r.risk.roshLevel} />
          {r.risk.restricted ? (
            <>
              <br />
              <RestrictedTag />
            </>
          ) : null}
          {r.risk.mappa ? (
            <span className="govuk-body-s">
              <br />
              {mappaLabel(r.risk.mappa.category, r.risk.mappa.level)}
            </span>
          ) : null}
          {r.risk.flags.length > 0 ? (
            <span className="govuk-body-s">
              <br />
              {r.risk.flags.map((f) => f.description).join(', ')}
            </span>
          ) : null}
        </>
      ),
    },
  ];

  // The hub queue comes ordered by the server (most urgent first); sorting only the loaded pages would mislead.
  const columns = kind === 'hub' ? allColumns.map((c) => ({ ...c, compare: undefined })) : allColumns;
  const title = kind === 'inbox' ? 'Requests to decide' : 'Hub queue';
  return (
    <Page title={title} width="full">
      <p className="govuk-body">
        {kind === 'inbox'
          ? 'Requests for your cases and the cases you deputise for. The oldest deadline comes first; if a deadline passes, the NPS hub can decide too, and the first decision stands.'
          : 'Requests whose offender manager is away or unavailable, and every request past its deadline. Most urgent first.'}
      </p>
      <div className="rab-filters">
        <ListFilter id={`${kind}-filter`} label="Filter by name, CRN or requester" value={text} onChange={setText} shown={rows.length} total={list.total} loading={!list.loaded} />
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id={`${kind}-overdue`} type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${kind}-overdue`}>
              Overdue only ({overdueCount.toLocaleString('en-GB')})
            </label>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" disabled={chosen.length === 0} onClick={() => navigate('/decide-bulk', { ids: chosen.join(',') })} data-testid="bulk-decide">
          Decide selected ({chosen.length})
        </button>
        {chosen.length > 0 ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        ) : null}
      </div>
      <LoadProblem error={list.error} loading={false} />
          <VirtualTable
            caption={title}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.id}
            rowClass={(r) => `${r.overdue ? 'rab-row--overdue' : ''} ${selected.has(r.id) ? 'rab-row--selected' : ''}`}
            testId="queue"
            estimate={96}
            totalRows={kind === 'hub' ? list.total : undefined}
            onNearEnd={list.onNearEnd}
            emptyText={list.loaded ? 'Nothing is waiting for a decision.' : 'Loading…'}
          />
    </Page>
  );
}
