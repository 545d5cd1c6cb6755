// Column-shaped synthetic sample (1M rows) for the raking and crosstab benchmarks: districts × wards,
// respondent group, gender, age group and one rating whose distribution differs by district and group.
import { ADULTS, WARDS, rng } from './generate.js';

export function sampleColumns(n: number, seed = 7) {
  const r = rng(seed);
  const districts = Object.keys(WARDS);
  // Sample allocation deliberately not proportional (equal-ish per district), so weights must correct it.
  const district: string[] = new Array(n), ward: string[] = new Array(n), group: string[] = new Array(n);
  const gender: string[] = new Array(n), age: string[] = new Array(n), rating: string[] = new Array(n);
  const weight = new Float64Array(n);
  const groups = ['cadres', 'party', 'mass-org', 'business', 'residents'];
  const total = Object.values(ADULTS).reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    const d = Math.floor(r() * districts.length);
    const g = Math.floor(r() * groups.length);
    district[i] = districts[d];
    ward[i] = String(1 + Math.floor(r() * WARDS[districts[d]]));
    group[i] = groups[g];
    gender[i] = r() < 0.45 ? 'male' : 'female';
    const u = r();
    age[i] = u < 0.15 ? '18-30' : u < 0.4 ? '31-40' : u < 0.7 ? '41-50' : u < 0.9 ? '51-60' : '60+';
    const lean = 0.15 * (d - 3) / 3 + 0.25 * (2 - g) / 2 + (r() - 0.5) * 0.6;
    const v = r() + lean;
    rating[i] = v < 0.1 ? '1' : v < 0.3 ? '2' : v < 0.65 ? '3' : v < 0.95 ? '4' : '5';
    weight[i] = (ADULTS[districts[d]] / total) * n / (n / districts.length) ;
  }
  const margins = {
    district: ADULTS,
    gender: { male: 0.49 * total, female: 0.51 * total },
    age: { '18-30': 0.24 * total, '31-40': 0.22 * total, '41-50': 0.2 * total, '51-60': 0.17 * total, '60+': 0.17 * total },
  };
  return { n, district, ward, group, gender, age, rating, weight, margins };
}
