/**
 * The watermark across a record: the viewer's name and the time, as text in a positioned layer
 * (not an image), repeated so any photo or screenshot of the screen carries it. The text is drawn
 * by CSS from data-mark: it is decoration (faint on purpose, which WCAG allows for incidental
 * text), so it stays out of the accessibility tree and out of copied text.
 */
import { formatDateTime } from '../../format/time';

const REPEAT = 24;

export function Watermark({ name, at }: { name: string; at: number }) {
  const text = `${name} · ${formatDateTime(at)}`;
  return (
    <div className="rab-watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: REPEAT }, (_, i) => (
        <span className="rab-watermark__mark" key={i} data-mark={text} />
      ))}
    </div>
  );
}
