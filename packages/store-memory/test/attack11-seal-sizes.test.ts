// Attack 11 — sizes resolve keyed sheet names after the key is gone. A seal writes, in clear and
// for good, each deleted detail stream's keyed name and size (PeriodSealed; the checkpoints keep
// the names and sizes too), and beside it the sheets' tables by intervention and unit. A sheet's
// event count is fixed by its tables: one event per contact, group meeting, visitor session and
// series ended, two per voided tally, plus a constant. When a month had one detail stream per
// sheet, matching the two maps resolved 35 keyed names of the seeded year to their intervention
// and unit with no key, 59 with the ties of attack11-batch-adjacency (failing here before the
// month's sheets shared one stream). Now a month has one detail stream: its size is the month's
// total, which no single sheet's tables give, and there is nothing left to map.
import { deriveSubkeys, keyedName, periodKeyId, type RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { attackedYear, clearData } from './attack11-year.js';

interface Tables {
  contacts: number;
  groupMeetings: number;
  visitorSessions: number;
  voided: number;
  seriesLengths: Record<string, number>;
}

describe('attack 11: a sealed month’s clear records', () => {
  it('do not map a keyed sheet name to its intervention and unit', async () => {
    // Nightly copies of the open year (no key): for the second step, which keyed sheets of
    // different months a series' tallies sit on (attack11-batch-adjacency), i.e. the same coordinates.
    const seen = new Map<number, RecordedEvent>();
    const year = await attackedYear(0.3, 42, async (store) => {
      const last = Math.max(0, ...seen.keys());
      for (const event of await collect(store.readAll(last === 0 ? {} : { after: String(last) })))
        seen.set(Number(event.position), event);
    });
    // Ground truth: the operator's keyed names of every sheet while the keys live.
    const nameOf = new Map<string, string>();
    for (let month = 1; month <= 12; month += 1) {
      const period = `2025-${String(month).padStart(2, '0')}`;
      const key = await year.keys.get(periodKeyId(period));
      if (key === undefined) continue;
      const naming = deriveSubkeys(key).naming;
      for (const intervention of year.catalogue.interventions)
        for (const unit of year.catalogue.units ?? [])
          nameOf.set(
            `tally-${period}-${keyedName(naming, intervention.id, unit.id)}`,
            `${intervention.id}/${unit.id}`,
          );
    }
    const sealed = await year.sealAll();

    // --- the attack: the sealed copy's clear period events only ---
    const sizes = new Map<string, Map<string, number>>(); // period → keyed name → size
    const tables = new Map<string, { coordinates: string; tables: Tables }[]>();
    for (const event of sealed) {
      const data = clearData(event);
      if (data === undefined) continue;
      if (event.type === 'PeriodSealed') {
        const period = event.stream.slice(7);
        const bySize = sizes.get(period) ?? new Map<string, number>();
        for (const deleted of data.deleted as { stream: string; size: number }[])
          if (deleted.stream.startsWith('tally-')) bySize.set(deleted.stream, deleted.size);
        sizes.set(period, bySize);
      }
      if (event.type === 'SheetsSealed') {
        const list = tables.get(data.period as string) ?? [];
        for (const sheet of data.sheets as { interventionId: string; unitId: string; tables: Tables }[])
          list.push({ coordinates: `${sheet.interventionId}/${sheet.unitId}`, tables: sheet.tables });
        tables.set(data.period as string, list);
      }
    }
    const predicted = (t: Tables, offset: number) =>
      t.contacts +
      t.groupMeetings +
      t.visitorSessions +
      2 * t.voided +
      Object.values(t.seriesLengths).reduce((a, b) => a + b, 0) +
      offset;
    // The constant (a sheet's opening and closing events) read off the data: the one matching most sizes.
    let best = { offset: 0, resolved: new Map<string, string>() };
    for (let offset = 0; offset <= 4; offset += 1) {
      const resolved = new Map<string, string>();
      for (const [period, bySize] of sizes) {
        const sheets = tables.get(period) ?? [];
        for (const [name, size] of bySize) {
          const sameSize = [...bySize.values()].filter((s) => s === size).length;
          const candidates = sheets.filter((sheet) => predicted(sheet.tables, offset) === size);
          if (sameSize === 1 && candidates.length === 1)
            resolved.set(name, candidates[0]?.coordinates as string);
        }
      }
      if (resolved.size > best.resolved.size) best = { offset, resolved };
    }
    // How well the formula fits (ground truth, for the report only).
    let fits = 0;
    let total = 0;
    for (const [period, bySize] of sizes)
      for (const [name, size] of bySize) {
        total += 1;
        const sheet = (tables.get(period) ?? []).find((s) => s.coordinates === nameOf.get(name));
        if (sheet !== undefined && predicted(sheet.tables, best.offset) === size) fits += 1;
      }
    console.log(`formula fits ${fits} of ${total}`);
    // The rest: narrowed to the sheets of their month with the same size.
    let narrowedToTwo = 0;
    for (const [, bySize] of sizes)
      for (const [, size] of bySize)
        if ([...bySize.values()].filter((s) => s === size).length === 2) narrowedToTwo += 1;
    const sheetsSealed = [...sizes.values()].reduce((a, m) => a + m.size, 0);
    const right = [...best.resolved].filter(([name, coordinates]) => nameOf.get(name) === coordinates).length;
    // Step two: keyed sheets a series ties together are one intervention and unit; candidates per
    // name (same size in its month) are intersected over such groups and taken out of the other
    // names of a month once resolved, until nothing changes.
    const parent = new Map<string, string>();
    const find = (name: string): string => {
      const up = parent.get(name) ?? name;
      if (up === name) return name;
      const root = find(up);
      parent.set(name, root);
      return root;
    };
    const seriesSheet = new Map<string, string>();
    for (const [position, event] of seen) {
      const next = seen.get(position + 1);
      if (
        !event.stream.startsWith('series-') ||
        event.stream === 'series-index' ||
        !next?.stream.startsWith('tally-')
      )
        continue;
      const other = seriesSheet.get(event.stream);
      if (other === undefined) seriesSheet.set(event.stream, next.stream);
      else if (find(other) !== find(next.stream)) parent.set(find(other), find(next.stream));
    }
    const candidates = new Map<string, Set<string>>();
    const periodOfName = (name: string) => name.slice(6, 13);
    for (const [period, bySize] of sizes)
      for (const [name, size] of bySize)
        candidates.set(
          name,
          new Set(
            (tables.get(period) ?? [])
              .filter((t) => predicted(t.tables, best.offset) === size)
              .map((t) => t.coordinates),
          ),
        );
    for (let changed = true; changed; ) {
      changed = false;
      const groups = new Map<string, string[]>();
      for (const name of candidates.keys()) groups.set(find(name), [...(groups.get(find(name)) ?? []), name]);
      for (const names of groups.values()) {
        if (names.length < 2) continue;
        const common = [...(candidates.get(names[0] as string) ?? [])].filter((c) =>
          names.every((n) => candidates.get(n)?.has(c)),
        );
        for (const n of names)
          if ((candidates.get(n)?.size ?? 0) > common.length) {
            candidates.set(n, new Set(common));
            changed = true;
          }
      }
      for (const [name, set] of candidates) {
        if (set.size !== 1) continue;
        const only = [...set][0] as string;
        for (const [other, otherSet] of candidates)
          if (other !== name && periodOfName(other) === periodOfName(name) && otherSet.delete(only))
            changed = true;
      }
    }
    const jointly = [...candidates].filter(([, set]) => set.size === 1);
    const jointlyRight = jointly.filter(([name, set]) => nameOf.get(name) === [...set][0]).length;
    const placed = new Set(jointly.map(([name]) => name));
    const dated = [...seen.values()].filter((event) => placed.has(event.stream)).length;
    console.log(
      `with series ties and elimination: ${jointly.length} resolved, ${jointlyRight} right; ` +
        `${dated} sheet events of the nightly copies now placed at an intervention and unit on the night they appeared`,
    );
    console.log(
      `seal sizes: ${sheetsSealed} keyed sheet names sealed; ${best.resolved.size} resolved to one intervention and unit (offset ${best.offset}), ${right} right; ${narrowedToTwo} more narrowed to two`,
    );
    // The attack had its material: every month's sizes and tables (the year's twelve, and the
    // month the recording's clock stood in, whose registry held the series opened).
    expect(sizes.size).toBe(13);
    const monthsWithSheets = [...tables.values()].filter((sheets) => sheets.length > 0);
    expect(monthsWithSheets).toHaveLength(12);
    expect(monthsWithSheets.every((sheets) => sheets.length > 1)).toBe(true);
    expect(right, 'keyed sheet names resolved after the key was destroyed').toBe(0);
    expect(jointlyRight, 'keyed sheet names resolved with the series ties').toBe(0);
  }, 60_000);
});
