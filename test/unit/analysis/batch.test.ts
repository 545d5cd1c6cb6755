// The batched pass (answers read a batch at a time, matrix rows and multiple-choice items copied while
// reading, then tallied question by question) against the per-answer handler methods on odd data: arrays
// longer than the copy area, answers of the wrong shape, skip logic, and streams that end mid-batch.
import { describe, expect, it } from 'vitest';
import { tabulate, TabulateResponse } from '../../../analysis/tabulate.js';
import { readQuestionnaire } from '../../../analysis/questionnaire.js';
import { StreamDesign } from '../../../analysis/stream.js';
import { handlerFor } from '../../../analysis/topline-other.js';
import { answerFingerprint } from '../../../analysis/quality.js';
import { BATCH } from '../../../analysis/batch.js';
import { seededRandom as rng } from '../../helpers/generate-responses.js';

const survey = {
  pages: [{
    elements: [
      { type: 'radiogroup', name: 'pick', choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
      { type: 'checkbox', name: 'many', choices: ['x', 'y', 'z'] },
      { type: 'matrix', name: 'grid', columns: [1, 2, 3, 4, 5], rows: ['r1', 'r2', 'r3', 'r4'] },
      { type: 'checkbox', name: 'more', visibleIf: "{pick} <> 'a'", choices: [1, 2, 3] },
      { type: 'matrix', name: 'grid2', visibleIf: '{grid.r1} >= 3', columns: ['lo', 'hi'], rows: ['p', 'q'] },
    ],
  }],
};

/** Answers of every shape a handler must cope with, drawn at random. */
function answer(r: () => number, name: string): unknown {
  const u = r();
  const pickOf = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  if (name === 'pick') return u < 0.1 ? undefined : pickOf(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'zz', '', 3]);
  if (name === 'many' || name === 'more') {
    const items = name === 'many' ? ['x', 'y', 'z', 'w', 7, ''] : [1, 2, 3, 9, '2'];
    if (u < 0.1) return undefined;
    if (u < 0.15) return [];
    if (u < 0.2) return pickOf(['x', 1, null, { x: 1 }]); // not an array
    const n = u < 0.3 ? 9 + Math.floor(r() * 6) : 1 + Math.floor(r() * 3); // some longer than the copy area
    return Array.from({ length: n }, () => pickOf(items));
  }
  if (u < 0.1) return undefined;
  if (u < 0.15) return pickOf(['x', 4, [], [1, 2], {}, { zzz: 1 }]); // not a matrix answer
  const rows = name === 'grid' ? ['r1', 'r2', 'r3', 'r4'] : ['p', 'q'];
  const cells = name === 'grid' ? [1, 2, 3, 4, 5, 7, 2.5, '', null, 'x'] : ['lo', 'hi', 'mid', 1];
  const o: Record<string, unknown> = {};
  for (const row of rows) if (r() < 0.85) o[row] = pickOf(cells);
  return o;
}

function responses(n: number, seed: number): TabulateResponse[] {
  const r = rng(seed);
  const out: TabulateResponse[] = [];
  for (let i = 0; i < n; i++) {
    const data: Record<string, unknown> = {};
    for (const q of ['pick', 'many', 'grid', 'more', 'grid2']) {
      const v = answer(r, q);
      if (v !== undefined) data[q] = v;
    }
    // Every tenth response repeats an earlier one's answers: duplicates to find.
    const same = i % 10 === 9 ? out[Math.floor(r() * i)].data : data;
    out.push({ id: `r${i}`, data: same, weight: 0.5 + r() * 2, stratum: `s${i % 3}`, psu: `p${i % 11}` });
  }
  return out;
}

/** The pass before batching, in a few lines: each response, each question, the handler's own methods. */
function byAnswer(recs: TabulateResponse[]) {
  const qs = readQuestionnaire(survey);
  const design = new StreamDesign({ clustered: true, lonelyPsu: 'remove' }, false);
  const hs = qs.map((q) => handlerFor(q, design, 100));
  const counts = qs.map(() => ({ shown: 0, notShown: 0, noAnswer: 0, answered: 0 }));
  for (const rec of recs) {
    const unit = design.locate(rec.stratum, rec.psu);
    const d = rec.data;
    qs.forEach((q, t) => {
      const hidden = (q.name === 'more' && d.pick === 'a') || (q.name === 'grid2' && !((d.grid as any)?.r1 >= 3));
      if (hidden) { counts[t].notShown++; return; }
      counts[t].shown++;
      if (!hs[t].answered(d[q.name])) { counts[t].noAnswer++; return; }
      counts[t].answered++;
      hs[t].add(d[q.name], unit, rec.weight!);
    });
  }
  const layout = design.layout();
  return qs.map((q, t) => ({ ...counts[t], ...hs[t].result(layout) }));
}

describe('the batched pass equals answer-by-answer tallies', () => {
  for (const n of [1, BATCH - 1, BATCH, 3 * BATCH + 17]) {
    it(`When ${n} responses of every odd shape arrive, then counts, shares and SEs are those of the handlers fed one by one`, async () => {
      const recs = responses(n, n);
      const t = await tabulate(survey, recs, { design: { clustered: true, lonelyPsu: 'remove' }, locale: 'en' });
      const ref = byAnswer(recs);
      t.questions.forEach((q, i) => {
        const { name, type: _type, kind: _kind, title: _title, weightedAnswered: _w, ...rest } = q;
        expect(rest, name).toEqual(ref[i]);
      });
      // Duplicates by the run's coded fingerprint = duplicates by the stable fingerprint of the answers.
      const names = readQuestionnaire(survey).map((q) => q.name);
      const seen = new Set<number>();
      let dups = 0;
      for (const rec of recs) {
        const f = answerFingerprint(rec.data, names);
        if (seen.has(f)) dups++;
        else seen.add(f);
      }
      expect(t.quality!.duplicates.count).toBe(dups);
      if (n > 100) expect(dups).toBeGreaterThan(0);
    });
  }
});
