import type { QuantitySupport } from '../report/report-model.js';
import type { IntruderKnowledge } from './intruder-knowledge.js';

/** A linear constraint `lower ≤ Σ coefficient·x ≤ upper` over base variables. */
export interface LinearRow {
  readonly columns: readonly number[];
  readonly coefficients: readonly number[];
  readonly lower: number;
  readonly upper: number;
  /** Relations hold by definition; observations are what was published. */
  readonly kind: 'relation' | 'observation';
}

/** One unknown of the intruder: an intervention × group of months × group of units × measure. */
export interface BaseVariable {
  readonly interventionId: string;
  /** The months it sums (a group no release tells apart: the months of a quarter, when only quarters are published). */
  readonly months: readonly string[];
  /** The units it sums (a group no release tells apart). */
  readonly units: readonly string[];
  readonly measure: string;
}

/** The intruder's unknowns and constraints. */
export interface BaseSystem {
  readonly variables: readonly BaseVariable[];
  readonly rows: readonly LinearRow[];
  /** The columns a support sums. */
  columnsOf(support: QuantitySupport): number[];
}

/** Splits each intervention's units into groups that every support takes whole or not at all. */
function unitGroups(knowledge: IntruderKnowledge, supports: readonly QuantitySupport[]) {
  const sets = new Map<string, Set<string>>();
  const named = new Map<string, Set<string>>();
  for (const support of supports) {
    if (support.units === undefined) continue;
    const key = support.units.join('\u0000');
    const perIntervention = sets.get(support.interventionId) ?? new Set<string>();
    perIntervention.add(key);
    sets.set(support.interventionId, perIntervention);
    const units = named.get(support.interventionId) ?? new Set<string>();
    for (const unit of support.units) units.add(unit);
    named.set(support.interventionId, units);
  }
  const groups = new Map<string, string[][]>();
  const interventions = new Set(supports.map((support) => support.interventionId));
  for (const interventionId of interventions) {
    const selections = [...(sets.get(interventionId) ?? [])].map((key) => new Set(key.split('\u0000')));
    const universe = [
      ...new Set([...knowledge.unitsOf(interventionId), ...(named.get(interventionId) ?? [])]),
    ];
    const bySignature = new Map<string, string[]>();
    for (const unit of universe.sort()) {
      const signature = selections.map((selection) => (selection.has(unit) ? '1' : '0')).join('');
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), unit]);
    }
    // With no unit named anywhere, every unit is one group (or one unknown group of none known).
    groups.set(interventionId, bySignature.size === 0 ? [[]] : [...bySignature.values()]);
  }
  return groups;
}

/** Splits each intervention's months into groups that every support takes whole or not at all. */
function monthGroups(supports: readonly QuantitySupport[]): Map<string, string[][]> {
  const sets = new Map<string, Set<string>>();
  for (const support of supports) {
    const perIntervention = sets.get(support.interventionId) ?? new Set<string>();
    perIntervention.add(support.months.join(','));
    sets.set(support.interventionId, perIntervention);
  }
  const groups = new Map<string, string[][]>();
  for (const [interventionId, keys] of sets) {
    const selections = [...keys].map((key) => new Set(key.split(',')));
    const months = [...new Set(selections.flatMap((selection) => [...selection]))].sort();
    const bySignature = new Map<string, string[]>();
    for (const month of months) {
      const signature = selections.map((selection) => (selection.has(month) ? '1' : '0')).join('');
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), month]);
    }
    groups.set(interventionId, [...bySignature.values()]);
  }
  return groups;
}

/**
 * The intruder's unknowns: one per intervention × group of months × group of units × measure that any
 * support or relation touches, each ≥ 0 and whole; and its constraints: every relation in every
 * group of months and units, and every observation as a bound on the sum of its support's
 * unknowns. Months (units) that no release tells apart are one unknown: the bounds are the same
 * (a solution over the groups can always be split into months and units, all in one of them),
 * and the programmes are smaller.
 */
export function baseSystem(
  knowledge: IntruderKnowledge,
  extraSupports: readonly QuantitySupport[],
): BaseSystem {
  const supports = [...knowledge.observations.map((observation) => observation.support), ...extraSupports];
  const groups = unitGroups(knowledge, supports);
  const periods = monthGroups(supports);
  const variables: BaseVariable[] = [];
  const index = new Map<string, number>();
  const cells = new Set<string>();
  const variable = (interventionId: string, period: number, group: number, measure: string): number => {
    const key = `${interventionId}\u0000${period}\u0000${group}\u0000${measure}`;
    let found = index.get(key);
    if (found === undefined) {
      found = variables.length;
      index.set(key, found);
      const units = groups.get(interventionId)?.[group] ?? [];
      const months = periods.get(interventionId)?.[period] ?? [];
      variables.push({ interventionId, months, units, measure });
      cells.add(`${interventionId}\u0000${period}\u0000${group}`);
    }
    return found;
  };
  const columnsOf = (support: QuantitySupport): number[] => {
    const all = groups.get(support.interventionId) ?? [[]];
    const selected = support.units === undefined ? undefined : new Set(support.units);
    const chosen = all
      .map((units, group) => ({ units, group }))
      .filter(
        ({ units }) => selected === undefined || (units.length > 0 && selected.has(units[0] as string)),
      );
    const months = new Set(support.months);
    const chosenPeriods = (periods.get(support.interventionId) ?? [])
      .map((group, period) => ({ group, period }))
      .filter(({ group }) => months.has(group[0] as string));
    return chosenPeriods.flatMap(({ period }) =>
      chosen.map(({ group }) => variable(support.interventionId, period, group, support.measure)),
    );
  };
  const rows: LinearRow[] = [];
  for (const observation of knowledge.observations) {
    const columns = columnsOf(observation.support);
    rows.push({
      columns,
      coefficients: columns.map(() => 1),
      lower: observation.lower,
      upper: observation.upper,
      kind: 'observation',
    });
  }
  for (const support of extraSupports) columnsOf(support);
  // Relations, in every group of months and units where one of their measures is an unknown.
  for (const cell of [...cells]) {
    const [interventionId, periodText, groupText] = cell.split('\u0000') as [string, string, string];
    const [period, group] = [Number(periodText), Number(groupText)];
    for (const relation of knowledge.relations) {
      if (relation.interventionId !== interventionId) continue;
      const measures = [relation.total, ...relation.parts];
      if (
        !measures.some((measure) =>
          index.has(`${interventionId}\u0000${period}\u0000${group}\u0000${measure}`),
        )
      )
        continue;
      rows.push({
        columns: measures.map((measure) => variable(interventionId, period, group, measure)),
        coefficients: [-1, ...relation.parts.map(() => 1)],
        lower: 0,
        upper: 0,
        kind: 'relation',
      });
    }
  }
  return { variables, rows, columnsOf };
}
