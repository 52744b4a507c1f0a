import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io.js';

/** Progress of a long read of the log. */
export interface Progress {
  /** Events read so far. */
  update(events: number): void;
  stop(): void;
}

const quiet: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on standard error (events, events/s, and the ETA when the total is known) —
 * only on a terminal: piped or redirected, it stays quiet.
 */
export function startProgress(io: CliIo, label: string, total?: number, lang: 'sv' | 'en' = 'en'): Progress {
  if (io.stderr.isTTY !== true) return quiet;
  const started = Date.now();
  const known = total !== undefined && total > 0;
  const bar = new SingleBar({
    stream: io.stderr as unknown as NodeJS.WritableStream,
    format:
      lang === 'sv'
        ? known
          ? `${label} [{bar}] {value}/{total} händelser | {speed} händelser/s | kvar {eta_formatted}`
          : `${label} {value} händelser | {speed} händelser/s`
        : known
          ? `${label} [{bar}] {value}/{total} events | {speed} events/s | ETA {eta_formatted}`
          : `${label} {value} events | {speed} events/s`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  });
  bar.start(known ? total : 0, 0, { speed: '0' });
  return {
    update(events) {
      const seconds = (Date.now() - started) / 1000;
      if (!known) bar.setTotal(events);
      bar.update(events, { speed: seconds > 0 ? Math.round(events / seconds).toLocaleString(lang) : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}
