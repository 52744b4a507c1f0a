import type { LocalizedText } from '@pinnstatistik/core';
import { type AuditReport, auditLog } from '@pinnstatistik/projections';
import type { CliIo } from '../cli/cli-io.js';
import { startProgress } from '../cli/progress.js';
import { countExportEvents } from '../jsonl/count-export-events.js';
import { createLogOverview } from '../sources/log-overview.js';
import { observeReads } from '../sources/observe-reads.js';
import type { OpenedSource } from '../sources/open-source.js';

/** The audit of a source, with what the CLI adds: which open periods could not be read. */
export interface SourceAudit {
  readonly report: AuditReport;
  readonly today: string;
  readonly catalogues: readonly { id: string; version: string; effectiveFrom: string }[];
  /** Open periods whose detail could not be read (no key here): neither checked nor counted. */
  readonly unreadablePeriods: readonly string[];
  readonly keys: boolean;
  /**
   * How seals and corrections of sealed months were checked: proven under the key store's
   * seal-proof key (`--keys`), or only against the tables they name (`digest-only`, without keys).
   */
  readonly seals: 'proven' | 'digest-only';
  readonly notes: readonly LocalizedText[];
}

/** The total for progress: counted up front for a file (only when shown on a terminal, given `io`), else unknown. */
export async function eventTotal(
  source: OpenedSource,
  file: string,
  io?: CliIo,
): Promise<number | undefined> {
  if (source.kind !== 'file' || (io !== undefined && io.stderr.isTTY !== true)) return undefined;
  return countExportEvents(file);
}

/** Runs the compliance audit over a source in one pass, with progress on a terminal. */
export async function auditSource(
  source: OpenedSource,
  target: string,
  today: string,
  io: CliIo,
  lang: 'sv' | 'en' = 'en',
): Promise<SourceAudit> {
  const overview = createLogOverview();
  const progress = startProgress(
    io,
    lang === 'sv' ? 'granskar' : 'auditing',
    await eventTotal(source, target, io),
    lang,
  );
  const seals = source.keys === undefined ? 'digest-only' : 'proven';
  let report: AuditReport;
  try {
    report = await auditLog(
      observeReads(source.store, (event) => {
        overview.observe(event);
        if (overview.events % 500 === 0) progress.update(overview.events);
      }),
      {
        ...(source.keys === undefined ? {} : { keys: source.keys }),
        today,
        seals,
      },
    );
  } finally {
    progress.stop();
  }
  const unreadablePeriods = await overview.unreadablePeriods(source.keys);
  const notes: LocalizedText[] = [];
  if (unreadablePeriods.length > 0) {
    const periods = unreadablePeriods.join(', ');
    notes.push({
      sv: `öppna perioder vars detaljer inte kan läsas utan sina nycklar (${source.keysDescription.sv}): ${periods} — de granskas inte här och räknas inte i rapporter; förseglade perioder granskas genom sina förseglade tabeller`,
      en: `open periods whose detail cannot be read without their keys (${source.keysDescription.en}): ${periods} — not checked here and not counted in reports; sealed periods are checked through their sealed tables`,
    });
  }
  if (source.keys === undefined) {
    // A digest anyone can compute is all a reader without the seal-proof key can check: a seal
    // with its own tables, or a correction, forged by a writer without keys passes it.
    notes.push({
      sv: 'utan nycklar kontrolleras förseglingar och rättelser av förseglade månader bara mot de tabeller de själva anger (en kontrollsumma vem som helst kan räkna ut), inte att operatören skrev dem: en som förfalskats av någon som kan skriva i lagret skulle passera; ange --keys för att bevisa dem',
      en: 'without keys, seals and corrections of sealed months are checked only against the tables they name (a digest anyone can compute), not proven to be the operator’s: one forged by anyone who can write to the store would pass; give --keys to prove them',
    });
    notes.push({
      sv: 'utan nycklar granskas inte om de förseglade periodernas och de avslutade seriernas nycklar har förstörts',
      en: "without keys, whether sealed periods' and closed series' keys were destroyed is not checked",
    });
  }
  return {
    report,
    today,
    catalogues: overview.catalogues,
    unreadablePeriods,
    keys: source.keys !== undefined,
    seals,
    notes,
  };
}
