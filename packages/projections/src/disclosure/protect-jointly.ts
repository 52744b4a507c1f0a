import { attackReleases, type Truth } from '../intruder/integer-intruder.js';
import type { IntruderFinding, IntruderTarget } from '../intruder/intruder-knowledge.js';
import { type MeasureRelation, measureRelations } from '../intruder/measure-relations.js';
import type { DisclosureOptions, Quantity, RawTable } from '../report/report-model.js';
import type { SuppressionPattern } from './apply-disclosure-control.js';
import { primarySuppressions } from './primary-suppression.js';
import { releaseKnowledge, type SuppressedRelease, supportId } from './release-knowledge.js';
import { createSuppressionSearch } from './suppression-search.js';
import { tableEntries } from './table-lines.js';

/**
 * What the joint protection needs beyond the tables: the truth (to check), the units, and what
 * the public catalogue says of every base cell (`policyRelations`: alternatives, structural zeros).
 */
export interface JointProtectionContext {
  readonly truth: Truth;
  readonly unitsOf: (interventionId: string) => readonly string[];
  readonly policyRelations: readonly MeasureRelation[];
}

/** A pattern that protects the report together with every earlier release, or why there is none. */
export type JointProtection =
  | {
      readonly ok: true;
      readonly pattern: SuppressionPattern;
      readonly rounds: number;
      readonly solves: number;
    }
  | {
      readonly ok: false;
      /** Findings no suppression in this report can remove: earlier releases disclose them already. */
      readonly findings: readonly IntruderFinding[];
    };

const NEW = 'new';

/**
 * Suppression that holds against the integer intruder across releases. Primary suppression
 * (1 … k − 1, and zeros when hidden) and the linear secondary search run first; then the
 * intruder attacks this report together with every earlier release (whole numbers ≥ 0, every
 * identity between measures) and, for every hidden count it pins down or narrows past its
 * protection level (0 and k must both stay possible), a complement is hidden in this report
 * near it, and the lines are closed again. Hiding more only widens what the intruder can
 * infer, so each round re-checks only what failed or was newly hidden. It ends when nothing
 * fails — or, when the findings stem from earlier releases alone, with those findings: this
 * report cannot repair them.
 */
export async function protectJointly(
  tables: readonly RawTable[],
  earlier: readonly SuppressedRelease[],
  options: DisclosureOptions,
  context: JointProtectionContext,
): Promise<JointProtection> {
  const relations = [
    ...measureRelations([...earlier.flatMap((release) => release.tables), ...tables]),
    ...context.policyRelations,
  ];
  const quantities = new Map<string, Quantity>();
  for (const table of tables)
    for (const quantity of tableEntries(table)) quantities.set(quantity.key, quantity);
  // What earlier releases disclose on their own, no suppression here can take back; and what
  // they already determine of this report's quantities, hiding it here protects nothing.
  const knownBefore = new Set<string>();
  const exactlyKnown = new Set<string>();
  let solves = 0;
  if (earlier.length > 0) {
    const before = releaseKnowledge([
      ...earlier,
      { name: NEW, tables, suppressed: new Set(quantities.keys()), k: options.k },
    ]);
    const report = await attackReleases(
      { observations: before.observations, relations, unitsOf: context.unitsOf },
      before.targets,
      context.truth,
    );
    solves += report.solves;
    const own = report.findings.filter((finding) => !finding.id.startsWith(`${NEW}:`));
    if (own.length > 0) {
      return { ok: false, findings: own };
    }
    for (const finding of report.findings) {
      knownBefore.add(finding.id.slice(NEW.length + 1));
      if (finding.exact) exactlyKnown.add(finding.id.slice(NEW.length + 1));
    }
  }
  const primary = primarySuppressions(tables, options);
  const search = createSuppressionSearch(tables, primary, exactlyKnown);
  search.closeLinearly();

  let pending: ReadonlySet<string> | undefined; // supports to re-check; all on the first round
  let checked = new Set<string>(search.suppressed);
  for (let round = 1; ; round++) {
    const knowledge = releaseKnowledge([
      ...earlier,
      { name: NEW, tables, suppressed: search.suppressed, k: options.k },
    ]);
    const targets: IntruderTarget[] = knowledge.targets.filter(
      (target) =>
        !(target.id.startsWith(`${NEW}:`) && knownBefore.has(target.id.slice(NEW.length + 1))) &&
        (pending === undefined || pending.has(supportId(target.support))),
    );
    const report = await attackReleases(
      { observations: knowledge.observations, relations, unitsOf: context.unitsOf },
      targets,
      context.truth,
    );
    solves += report.solves;
    if (report.findings.length === 0)
      return {
        ok: true,
        pattern: {
          primary,
          // A count earlier releases already determine is published when it is not small: hiding it hides nothing.
          secondary: new Set(
            [...search.secondary].filter(
              (key) => !primary.has(key) && !(knownBefore.has(key) && exactlyKnown.has(key)),
            ),
          ),
        },
        rounds: round,
        solves,
      };
    const byId = new Map(targets.map((target) => [target.id, target]));
    const before = search.suppressed.size;
    const used = new Set<string>();
    for (const finding of report.findings) {
      const target = byId.get(finding.id);
      if (target === undefined) continue;
      const complement = finding.id.startsWith(`${NEW}:`)
        ? search.complementFor(finding.id.slice(NEW.length + 1), { capacity: options.k })
        : overlapping(target, quantities, search.suppressed, options.k);
      if (complement === undefined || used.has(complement)) continue;
      used.add(complement);
      search.suppress(complement);
    }
    search.completeLines();
    if (search.suppressed.size === before) {
      return { ok: false, findings: report.findings };
    }
    const newlyHidden = [...search.suppressed].filter((key) => !checked.has(key));
    checked = new Set(search.suppressed);
    pending = new Set([
      ...report.findings.flatMap((finding) => {
        const target = byId.get(finding.id);
        return target === undefined ? [] : [supportId(target.support)];
      }),
      ...newlyHidden.flatMap((key) => {
        const support = quantities.get(key)?.support;
        return support === undefined ? [] : [supportId(support)];
      }),
    ]);
  }
}

/**
 * The best quantity of this report to hide for a finding of an earlier release: a published
 * quantity of the same intervention — first one over overlapping months and units, then one of
 * the same measure, with room to move, over fewest months, smallest. Quantities over other
 * months count too (a year's total less three published quarters is the fourth), so the search
 * always progresses until this report hides everything of the intervention — which is what the
 * check before the rounds found safe.
 */
function overlapping(
  target: IntruderTarget,
  quantities: ReadonlyMap<string, Quantity>,
  suppressed: ReadonlySet<string>,
  k: number,
): string | undefined {
  const t = target.support;
  const months = new Set(t.months);
  const units = t.units === undefined ? undefined : new Set(t.units);
  const overlaps = (quantity: Quantity): boolean => {
    const s = quantity.support;
    if (s === undefined || !s.months.some((month) => months.has(month))) return false;
    return units === undefined || s.units === undefined || s.units.some((unit) => units.has(unit));
  };
  const rank = (quantity: Quantity): readonly number[] => [
    overlaps(quantity) ? 0 : 1,
    quantity.support?.measure === t.measure ? 0 : 1,
    quantity.value >= k ? 0 : 1,
    quantity.support?.months.length ?? 0,
    quantity.value,
  ];
  let best: { key: string; rank: readonly number[] } | undefined;
  for (const quantity of quantities.values()) {
    if (quantity.support?.interventionId !== t.interventionId || suppressed.has(quantity.key)) continue;
    const candidate = { key: quantity.key, rank: rank(quantity) };
    const index = best === undefined ? -1 : candidate.rank.findIndex((value, i) => value !== best?.rank[i]);
    if (best === undefined || (index !== -1 && (candidate.rank[index] ?? 0) < (best.rank[index] ?? 0)))
      best = candidate;
  }
  return best?.key;
}
