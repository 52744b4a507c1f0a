import type { IntruderTarget, Observation, ProtectionLevel } from '../intruder/intruder-knowledge.js';
import type { QuantitySupport, RawTable } from '../report/report-model.js';
import { tableEntries } from './table-lines.js';

/** A suppression release as the intruder sees it: its tables, which keys it hid, its threshold. */
export interface SuppressedRelease {
  /** Names the release in target ids. */
  readonly name: string;
  readonly tables: readonly RawTable[];
  readonly suppressed: ReadonlySet<string>;
  readonly k: number;
}

/**
 * The protection level of a hidden count 1 … k − 1: the intruder must not be able to rule out
 * either 0 (nobody) or k (not a small group), so neither "someone is there" nor "only a few"
 * can be proven.
 */
export const protectionLevel = (k: number): ProtectionLevel => ({ atMost: 0, atLeast: k });

/** A support as a string: equal strings, equal quantities. */
export const supportId = (support: QuantitySupport): string =>
  `${support.interventionId}\u0000${support.months.join(',')}\u0000${(support.units ?? ['*']).join(',')}\u0000${support.measure}`;

/**
 * What an intruder reads in suppression releases: every published quantity exactly, once per
 * support; and what the defender must check: every hidden non-zero quantity (not to be pinned
 * down), and every hidden count 1 … k − 1 (its feasible values must reach 0 and k).
 */
export function releaseKnowledge(releases: readonly SuppressedRelease[]): {
  observations: Observation[];
  targets: IntruderTarget[];
} {
  const observations: Observation[] = [];
  const targets: IntruderTarget[] = [];
  const observed = new Set<string>();
  const targeted = new Map<string, number>();
  for (const release of releases) {
    for (const table of release.tables) {
      for (const quantity of tableEntries(table)) {
        if (quantity.support === undefined) continue;
        const id = supportId(quantity.support);
        if (!release.suppressed.has(quantity.key)) {
          if (observed.has(id)) continue;
          observed.add(id);
          observations.push({ support: quantity.support, lower: quantity.value, upper: quantity.value });
          continue;
        }
        if (quantity.value === 0) continue;
        const small = quantity.value < release.k;
        const known = targeted.get(id);
        if (known !== undefined) {
          // The same quantity hidden in two releases: one target, protected if either calls it small.
          const target = targets[known] as IntruderTarget;
          if (small && target.protect === undefined)
            targets[known] = { ...target, protect: protectionLevel(release.k) };
          continue;
        }
        targeted.set(id, targets.length);
        targets.push({
          id: `${release.name}:${quantity.key}`,
          support: quantity.support,
          actual: quantity.value,
          ...(small ? { protect: protectionLevel(release.k) } : {}),
        });
      }
    }
  }
  // A quantity published in one release and hidden in another is known: no target.
  return { observations, targets: targets.filter((target) => !observed.has(supportId(target.support))) };
}
