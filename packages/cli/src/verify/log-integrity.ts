import type { CliIo } from '../cli/cli-io.js';
import { startProgress } from '../cli/progress.js';
import { countExportEvents } from '../jsonl/count-export-events.js';
import { type ExportLogCheck, verifyExportLog } from '../jsonl/verify-export-log.js';
import type { OpenedSource } from '../sources/open-source.js';
import type { Trust } from './trust.js';
import { verifyStoreLog } from './verify-store-log.js';

/** Checks the integrity of a source — an export file or a store — with progress on a terminal. */
export async function checkLogIntegrity(
  source: OpenedSource,
  target: string,
  trust: Trust,
  io: CliIo,
  maxLineBytes?: number,
  lang: 'sv' | 'en' = 'en',
): Promise<ExportLogCheck> {
  const total =
    source.kind === 'file' && io.stderr.isTTY === true ? await countExportEvents(target) : undefined;
  const progress = startProgress(io, lang === 'sv' ? 'kontrollerar loggen' : 'checking the log', total, lang);
  try {
    return source.kind === 'file'
      ? await verifyExportLog(target, {
          trusted: trust.trusted,
          publicKeys: trust.publicKeys,
          onProgress: progress.update,
          ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
        })
      : await verifyStoreLog(source.store, trust, progress.update);
  } finally {
    progress.stop();
  }
}
