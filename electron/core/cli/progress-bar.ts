/**
 * A progress bar with rows per second for long runs, drawn on standard error only when it is a
 * terminal; in scripts and logs nothing is drawn and only the final summary is printed.
 */
import { SingleBar } from 'cli-progress';
import type { TextOut } from './cli-context';

export interface Progress {
  update(done: number, label: string): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

export function progressBar(out: TextOut, total: number, unit: string): Progress {
  if (!out.isTTY || total <= 0) return silent;
  const started = Date.now();
  const bar = new SingleBar({
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {label}`,
    stream: out as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  bar.start(total, 0, { rate: 0, label: '' });
  return {
    update(done, label) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(Math.min(done, total), { rate: seconds > 0 ? Math.round(done / seconds) : 0, label });
    },
    stop: () => bar.stop(),
  };
}
