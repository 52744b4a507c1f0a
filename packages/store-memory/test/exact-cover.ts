// The attackers' exact solver (attacks 12 and 13): each item (a series) takes one option (a sheet,
// and what else the option fixes, e.g. its sessions on its last day) so that what the items add
// fills every capacity keyed by (sheet, bucket) exactly. `possible` answers, per item, the
// options it takes in at least one solution (an option the step budget could not decide counts
// as possible, so what the attack then calls placed is, if anything, too little).
export interface Option {
  readonly value: string; // the sheet, `${interventionId}/${unitId}`, and what else the option fixes
  /** What the item adds to each bucket (e.g. "contacts 2025-03": 2, "ended 2025-03 3": 1). */
  readonly adds: ReadonlyMap<string, number>;
}
export interface OptionItem {
  readonly id: string;
  readonly options: readonly Option[];
}

export function solveOptions(
  items: readonly OptionItem[],
  capacity: ReadonlyMap<string, number>, // key `${sheet}\u0000${bucket}`
  budget = 200_000,
): { possible: Map<string, Set<string>>; exhausted: boolean } {
  const sheetOf = (value: string) => value.split('#')[0] as string;
  const order = items; // in the given order (by month: each month's capacities close early)
  let steps = 0;
  let exhausted = false;
  let everExhausted = false;
  const feasible = (fixed: Map<string, string>): Map<string, string> | undefined => {
    const left = new Map(capacity);
    const assignment = new Map<string, string>();
    const optionsOf = (item: OptionItem): readonly Option[] => {
      const only = fixed.get(item.id);
      return only === undefined ? item.options : item.options.filter((o) => o.value === only);
    };
    const take = (option: Option, sign: number): boolean => {
      let ok = true;
      for (const [bucket, amount] of option.adds) {
        const key = `${sheetOf(option.value)}\u0000${bucket}`;
        const now = (left.get(key) ?? 0) - sign * amount;
        left.set(key, now);
        if (now < 0) ok = false;
      }
      return ok;
    };
    // Remaining demand per key must be reachable by the items not yet placed.
    const reachable = (from: number): boolean => {
      const supply = new Map<string, number>();
      for (let i = from; i < order.length; i += 1)
        for (const option of optionsOf(order[i] as OptionItem))
          for (const [bucket, amount] of option.adds) {
            const key = `${sheetOf(option.value)}\u0000${bucket}`;
            supply.set(key, Math.max(supply.get(key) ?? 0, 0) + amount);
          }
      for (const [key, need] of left) if (need > 0 && (supply.get(key) ?? 0) < need) return false;
      return true;
    };
    const go = (index: number): boolean => {
      steps += 1;
      if (steps > budget) {
        exhausted = true;
        return false;
      }
      if (index === order.length) return [...left.values()].every((v) => v === 0);
      if (!reachable(index)) return false;
      const item = order[index] as OptionItem;
      for (const option of optionsOf(item)) {
        const ok = take(option, 1);
        if (ok) {
          assignment.set(item.id, option.value);
          if (go(index + 1)) return true;
          assignment.delete(item.id);
        }
        take(option, -1);
      }
      return false;
    };
    return go(0) ? assignment : undefined;
  };
  const possible = new Map<string, Set<string>>();
  for (const item of items) possible.set(item.id, new Set());
  for (const item of items)
    for (const { value } of item.options) {
      if (possible.get(item.id)?.has(value)) continue;
      steps = 0;
      exhausted = false;
      const found = feasible(new Map([[item.id, value]]));
      if (found !== undefined) for (const [id, v] of found) possible.get(id)?.add(v);
      else if (exhausted) everExhausted = true;
      if (found === undefined && exhausted) possible.get(item.id)?.add(value); // unknown: count as possible
    }
  return { possible, exhausted: everExhausted };
}

/** An item whose every option (a sheet) adds the same: attack 12's series, whose sessions are known. */
export interface Item {
  readonly id: string;
  readonly domain: readonly string[];
  /** What the item adds to each bucket (e.g. "contacts 2025-03": 2, "ended 2025-03 len 3": 1). */
  readonly adds: ReadonlyMap<string, number>;
}

/** {@link solveOptions} for items whose options differ by sheet only. */
export function solve(items: readonly Item[], capacity: ReadonlyMap<string, number>, budget = 200_000) {
  return solveOptions(
    items.map((item) => ({ id: item.id, options: item.domain.map((value) => ({ value, adds: item.adds })) })),
    capacity,
    budget,
  );
}
