/** A request's history as the MoJ timeline, oldest first. */
import { formatDateTime } from '../format/time';

export function Timeline({ events }: { events: Array<{ at: number; what: string; by: string | null }> }) {
  return (
    <div className="moj-timeline" data-testid="history">
      {events.map((e, i) => (
        <div className="moj-timeline__item" key={`${e.at}-${i}`}>
          <div className="moj-timeline__header">
            <h3 className="moj-timeline__title">{e.what}</h3>{' '}
            {e.by ? <p className="moj-timeline__byline">by {e.by}</p> : null}
          </div>
          <p className="moj-timeline__date">
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
          </p>
        </div>
      ))}
    </div>
  );
}
