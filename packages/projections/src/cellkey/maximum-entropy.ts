/**
 * The maximum-entropy distribution of a perturbation over a finite set of deviations `v`, the
 * problem `ptable` solves for each row of a perturbation table (Giessing 2016):
 *
 *   maximise −Σ p log p  subject to  Σ p = 1,  Σ p·v = 0 (unbiased),  Σ p·v² ≤ V (the variance,
 *   when given),  and p rising towards v = 0 from below (`monotoneBelowZero`, ptable's `mono`).
 *
 * Solved exactly through its convex dual: p ∝ exp(−θ·f(v)) with f = (v, v², the monotonicity
 * differences), θ₀ free and the rest ≥ 0, by projected Newton steps with a backtracking line
 * search — deterministic, so the same parameters always give the same table.
 */
export function maximumEntropy(
  deviations: readonly number[],
  options: { readonly variance?: number; readonly monotoneBelowZero: boolean },
): number[] {
  const n = deviations.length;
  const zero = deviations.indexOf(0);
  const features: number[][] = deviations.map((v) => [v]);
  const bounds: number[] = [0];
  if (options.variance !== undefined) {
    deviations.forEach((v, k) => {
      features[k]?.push(v * v);
    });
    bounds.push(options.variance);
  }
  if (options.monotoneBelowZero && zero > 0) {
    for (let j = 0; j < zero; j++) {
      // p_j − p_{j+1} ≤ 0
      deviations.forEach((_, k) => {
        features[k]?.push(k === j ? 1 : k === j + 1 ? -1 : 0);
      });
      bounds.push(0);
    }
  }
  const m = bounds.length;
  const theta = new Array<number>(m).fill(0);
  const distribution = (t: readonly number[]): { p: number[]; log: number } => {
    const exponents = features.map((f) => -f.reduce((total, value, i) => total + value * (t[i] ?? 0), 0));
    const top = Math.max(...exponents);
    const weights = exponents.map((e) => Math.exp(e - top));
    const z = weights.reduce((a, b) => a + b, 0);
    return { p: weights.map((w) => w / z), log: top + Math.log(z) };
  };
  const dual = (t: readonly number[]): number =>
    distribution(t).log + t.reduce((total, value, i) => total + value * (bounds[i] ?? 0), 0);
  for (let iteration = 0; iteration < 500; iteration++) {
    const { p } = distribution(theta);
    const mean = bounds.map((_, i) => features.reduce((total, f, k) => total + (p[k] ?? 0) * (f[i] ?? 0), 0));
    const gradient = bounds.map((bound, i) => bound - (mean[i] ?? 0));
    const atBound = (i: number): boolean => i > 0 && (theta[i] ?? 0) <= 0 && (gradient[i] ?? 0) > 0;
    const projected = gradient.map((g, i) => (i > 0 && (theta[i] ?? 0) <= 0 ? Math.min(g, 0) : g));
    if (Math.max(...projected.map(Math.abs)) < 1e-13) break;
    const free = theta.map((_, i) => i).filter((i) => !atBound(i));
    const hessian = free.map((a) =>
      free.map(
        (b) =>
          features.reduce(
            (total, f, k) =>
              total + (p[k] ?? 0) * ((f[a] ?? 0) - (mean[a] ?? 0)) * ((f[b] ?? 0) - (mean[b] ?? 0)),
            0,
          ) + (a === b ? 1e-12 : 0),
      ),
    );
    const step = solveLinear(
      hessian,
      free.map((i) => -(gradient[i] ?? 0)),
    );
    const direction = new Array<number>(m).fill(0);
    free.forEach((i, position) => {
      direction[i] = step[position] ?? 0;
    });
    const current = dual(theta);
    let scale = 1;
    for (let halvings = 0; halvings < 60; halvings++, scale /= 2) {
      const next = theta.map((value, i) => {
        const moved = value + scale * (direction[i] ?? 0);
        return i > 0 ? Math.max(moved, 0) : moved;
      });
      const decrease = gradient.reduce((total, g, i) => total + g * ((next[i] ?? 0) - (theta[i] ?? 0)), 0);
      if (dual(next) <= current + 1e-4 * decrease) {
        next.forEach((value, i) => {
          theta[i] = value;
        });
        break;
      }
    }
  }
  return distribution(theta).p.slice(0, n);
}

/** Gaussian elimination with partial pivoting on a small dense system. */
function solveLinear(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++)
      if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const head = a[column] as number[];
    const divisor = head[column] ?? 0;
    if (Math.abs(divisor) < 1e-300) continue;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const target = a[row] as number[];
      const factor = (target[column] ?? 0) / divisor;
      if (factor === 0) continue;
      for (let k = column; k <= n; k++) target[k] = (target[k] ?? 0) - factor * (head[k] ?? 0);
    }
  }
  return a.map((row, i) => {
    const divisor = row[i] ?? 0;
    return Math.abs(divisor) < 1e-300 ? 0 : (row[n] ?? 0) / divisor;
  });
}
