// Attack 12 helper: a small exact solver. Each item (a series) takes one value (a sheet) from its
// domain; every constraint is a capacity keyed by (value, bucket) that the items' contributions must
// fill exactly. `forced` answers, for every item, the values it takes in at least one solution.
export interface Item {
  readonly id: string;
  readonly domain: readonly string[];
  /** What the item adds to each bucket (e.g. "contacts 2025-03": 2, "ended 2025-03 len 3": 1). */
  readonly adds: ReadonlyMap<string, number>;
}

export function solve(
  items: readonly Item[],
  capacity: ReadonlyMap<string, number>, // key `${value}\u0000${bucket}`
  budget = 200_000,
): { possible: Map<string, Set<string>>; exhausted: boolean } {
  const cap = (value: string, bucket: string) => capacity.get(`${value}\u0000${bucket}`) ?? 0;
  const order = items; // in the given order (by month: each month's capacities close early)
  let steps = 0;
  let exhausted = false;
  let everExhausted = false;
  const feasible = (fixed: Map<string, string>): Map<string, string> | undefined => {
    const left = new Map(capacity);
    const assignment = new Map<string, string>();
    const take = (item: Item, value: string, sign: number): boolean => {
      let ok = true;
      for (const [bucket, amount] of item.adds) {
        const key = `${value}\u0000${bucket}`;
        const now = (left.get(key) ?? 0) - sign * amount;
        left.set(key, now);
        if (now < 0) ok = false;
      }
      return ok;
    };
    // Remaining demand per key must be reachable by the items not yet placed.
    const reachable = (from: number): boolean => {
      const supply = new Map<string, number>();
      for (let i = from; i < order.length; i += 1) {
        const item = order[i] as Item;
        const values = fixed.has(item.id) ? [fixed.get(item.id) as string] : item.domain;
        for (const value of values)
          for (const [bucket, amount] of item.adds) {
            const key = `${value}\u0000${bucket}`;
            supply.set(key, (supply.get(key) ?? 0) + amount);
          }
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
      const item = order[index] as Item;
      const values = fixed.has(item.id) ? [fixed.get(item.id) as string] : item.domain;
      for (const value of values) {
        const ok = take(item, value, 1);
        if (ok) {
          assignment.set(item.id, value);
          if (go(index + 1)) return true;
          assignment.delete(item.id);
        }
        take(item, value, -1);
      }
      return false;
    };
    void cap;
    return go(0) ? assignment : undefined;
  };
  const possible = new Map<string, Set<string>>();
  for (const item of items) possible.set(item.id, new Set());
  for (const item of items)
    for (const value of item.domain) {
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
