// Wilson score interval for a proportion from a simple random sample (what pollsters quote without a design).
import { normalQuantile } from './distributions.js';

/** Wilson interval for `successes` of `n` (no continuity correction), as R's prop.test(correct = FALSE). */
export function wilsonInterval(successes: number, n: number, level = 0.95): [number, number] {
  if (n <= 0) return [NaN, NaN];
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
