/*
 * ATTACK 9 — a cell-key report from an export (read-only: not recorded), then late tallies, then
 * the same report from the store.
 *
 * Attacker: an intruder holding every published report. Claim attacked (docs/statistics.md,
 * "Figures once published are final"): a cell-key report over figures an earlier release
 * published that have changed since is refused (FIGURES_CHANGED), so no intruder gets two
 * versions of a changed figure.
 *
 * Break: `pinnstatistik report export.jsonl --keys keys` publishes a cell-key report that is
 * never recorded (the export's log is read-only; the CLI only notes that "the same figures still
 * get the same values in every report"). After late tallies the store's release log knows of no
 * earlier release, so the same report from the store is published: the same cell keys, so the
 * changed figures differ by exactly the late tallies.
 *
 * Fixed (failing before): a cell-key report from a read-only log is refused (RELEASE_NOT_RECORDED)
 * unless it reproduces a recorded release (same options, same figures) or is asked for as an
 * unrecorded report, whose note says it must not be published.
 */
import { seededYear } from '@pinnstatistik/core/testing';
import {
  eventStoreReleaseLog,
  publishStatisticsReport,
  readOnlyReleaseLog,
  STATISTICS_KEY_ID,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { expect, it } from 'vitest';
import { replay } from '../src/runner/replay.js';
import { adoptedStore, lateEntries, publishedFigures } from './seeded-publications.js';

const input = { from: '2025-01', to: '2025-03', granularity: 'month' } as const;

it('attack 9: a report from an export, then late tallies, gives no second version of a figure', async () => {
  const { catalogue, store, keys, recorder } = await adoptedStore(7);
  const { late, onTime } = lateEntries(
    seededYear({ catalogue, year: 2025, seed: 7, volume: 0.3 }).filter(
      (command) => !('date' in command) || String(command.date) < '2025-04',
    ),
    catalogue,
  );
  for (const command of onTime) await recorder.record(command);
  await keys.create(STATISTICS_KEY_ID); // the store's statistics key; the export is read with --keys
  const before = (await replay(store, statisticsProjection({ keys }))).state;
  // The export (a read-only copy of the log as it is now), reported with --keys.
  const fromExport = await publishStatisticsReport(before, input, {
    log: readOnlyReleaseLog(store, { keys }),
    keys,
  });
  const exportCode = fromExport._tag === 'Left' ? fromExport.left.code : 'published';

  for (const command of late) await recorder.record(command);
  const after = (await replay(store, statisticsProjection({ keys }))).state;
  const fromStore = await publishStatisticsReport(after, input, {
    log: eventStoreReleaseLog(store, { catalogueId: catalogue.id, keys }),
    keys,
  });
  // The export's report could not be recorded, so it was not made; the store's is recorded.
  expect(exportCode).toBe('RELEASE_NOT_RECORDED');
  if (fromStore._tag === 'Left') throw new Error(fromStore.left.code);
  expect(fromStore.right.recorded).toBe(true);
  // From an export of the store as it is now, the recorded release is reproduced: same figures.
  const reproduced = await publishStatisticsReport(after, input, {
    log: readOnlyReleaseLog(store, { keys }),
    keys,
  });
  if (reproduced._tag === 'Left') throw new Error(reproduced.left.code);
  expect(publishedFigures(reproduced.right)).toEqual(publishedFigures(fromStore.right));
  // Asked for explicitly, an unrecorded report is made, and says it must not be published.
  const checking = await publishStatisticsReport(
    after,
    { ...input, granularity: 'quarter' },
    {
      log: readOnlyReleaseLog(store, { keys }),
      keys,
      allowUnrecorded: true,
    },
  );
  if (checking._tag === 'Left') throw new Error(checking.left.code);
  expect(checking.right.notes.map((note) => note.en).join(' ')).toContain('must not be published');
});
