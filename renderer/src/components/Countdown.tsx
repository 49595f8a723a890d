/**
 * A live countdown to the end of access. The visible figure updates quietly; screen readers hear a
 * polite announcement only at a few thresholds (1 hour, 15, 5 and 1 minutes, ended), not every
 * second.
 */
import { useEffect, useRef, useState } from 'react';
import { useCoreNow } from '../app/core-clock';
import { formatSpan, remainingText } from '../format/time';

const MINUTE = 60_000;
const THRESHOLDS = [60, 15, 5, 1].map((m) => m * MINUTE);

export function Countdown({ endAt, onEnd, label = 'Time left' }: { endAt: number; onEnd?: () => void; label?: string }) {
  const firstRemaining = useRef<number | null>(null);
  const now = useCoreNow(1000);
  const remaining = endAt - now;
  if (firstRemaining.current === null) firstRemaining.current = remaining;
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<number | null>(null);
  const ended = useRef(false);

  useEffect(() => {
    if (remaining <= 0) {
      if (!ended.current) {
        ended.current = true;
        setAnnouncement(`${label}: access has ended.`);
        onEnd?.();
      }
      return;
    }
    ended.current = false;
    const crossed = THRESHOLDS.find((t) => remaining <= t && (firstRemaining.current ?? 0) > t && announced.current !== t);
    if (crossed !== undefined && (announced.current === null || crossed < announced.current)) {
      announced.current = crossed;
      setAnnouncement(`${label}: ${formatSpan(remaining)}.`);
    }
  }, [remaining, label, onEnd]);

  return (
    <>
      <span className={`rab-countdown ${remaining < 15 * MINUTE ? 'rab-countdown--ending' : ''}`.trim()} data-testid="countdown">
        {remainingText(remaining)}
      </span>
      <span className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
