/**
 * The Ministry of Justice crest, drawn from MoJ Frontend's own SVG. The file leaves its paths
 * unfilled (for use as a mask), so the paths are drawn here in white for the black header.
 */
import crestSvg from '@ministryofjustice/frontend/moj/assets/images/moj-logotype-crest-2024.svg?raw';

const PATHS = [...crestSvg.matchAll(/\sd="([^"]+)"/g)].map((m) => m[1]!);

export function Crest() {
  return (
    <svg className="moj-header__logotype-crest rab-header__crest" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      {PATHS.map((d, i) => (
        <path key={i} d={d} fill="#ffffff" />
      ))}
    </svg>
  );
}
