/** The words under the import progress bar. */
import type { ImportProgress } from '../../../../shared/contract/admin';

export function progressText(p: ImportProgress): string {
  if (p.rowsTotal > 0) {
    const percent = Math.min(100, Math.floor((p.rowsDone / p.rowsTotal) * 100));
    return `${percent}%: ${p.rowsDone.toLocaleString('en-GB')} of ${p.rowsTotal.toLocaleString('en-GB')} rows${p.file ? `, reading ${p.file}` : ''}`;
  }
  return p.file ? `Reading ${p.file}` : 'Starting';
}
