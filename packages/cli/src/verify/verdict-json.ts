import type { Verdict } from './verdict.js';

/** The verdict for machines (`verify --json`): clean or not, what was read, the log's commitment, notes and every finding. */
export function verdictJson(verdict: Verdict, source: string): string {
  const { audit, integrity } = verdict;
  const { verification } = integrity;
  const latest = verification.latest;
  return `${JSON.stringify(
    {
      format: 'pinnstatistik/audit',
      version: 2,
      source,
      today: audit.today,
      clean: verdict.clean,
      events: verification.events,
      streams: verification.leaves.length,
      log: {
        root: Buffer.from(verification.root).toString('hex'),
        treeSize: verification.leaves.length,
        checkpoint:
          latest === undefined
            ? null
            : {
                time: latest.checkpoint.time,
                keyId: latest.checkpoint.keyId,
                root: latest.checkpoint.root,
                pinned: latest.pinned,
              },
        eventsAfterCheckpoint: verification.eventsAfterCheckpoint,
      },
      sealedDetail: audit.report.sealedDetail,
      keys: audit.keys,
      seals: audit.seals,
      catalogues: audit.catalogues,
      unreadablePeriods: audit.unreadablePeriods,
      notes: audit.notes.map((note) => note.en),
      findings: verdict.findings,
    },
    null,
    2,
  )}\n`;
}
