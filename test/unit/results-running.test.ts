// Running toplines: continuing the tallies of an earlier revision with the rows appended since gives
// exactly what tabulating every row again gives, and anything but an append starts over.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabulate, type TabulateOptions } from '../../analysis/index.ts';
import type { CachedResponse, ResultsData } from '../../server/results/cache.ts';
import { resetRunningToplines, runningTopline } from '../../server/results/running.ts';
import { rootDir } from '../helpers/app.ts';
import { generateResponses } from '../helpers/generate-responses.ts';

const survey = JSON.parse(fs.readFileSync(path.join(rootDir, 'surveys/giua-nhiem-ky-2023/survey.json'), 'utf8'));
const opts: TabulateOptions = { locale: 'vi', quality: false, maxTextAnswers: 100 };
let rows: CachedResponse[];

beforeAll(async () => {
  rows = (await generateResponses(survey, 120, 77, 1)).map((g, i) => ({
    id: `r${i}`, stratumKey: String(g.answers.district), stratum: { district: String(g.answers.district) }, answers: g.answers,
  }));
});

const data = (n: number, epoch = 1, reviewRevision = 0, from: CachedResponse[] = rows): ResultsData =>
  ({ rows: from.slice(0, n), revision: n, excluded: [], epoch, reviewRevision, memo: new Map() });
const fresh = async (subset: CachedResponse[]) => tabulate(survey, subset.map((r) => ({ id: r.id, data: r.answers })), opts);
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('When responses are appended between two topline requests', () => {
  it('then the continued topline equals a full tabulation, unfiltered and filtered', async () => {
    resetRunningToplines();
    const haiChau = (r: CachedResponse) => r.stratum.district === 'hai-chau';
    for (const n of [40, 41, 90, 120]) {
      expect(plain(runningTopline('all', data(n), survey, opts, null)), `all, ${n}`).toEqual(plain(await fresh(rows.slice(0, n))));
      expect(plain(runningTopline('hc', data(n), survey, opts, haiChau)), `hai-chau, ${n}`).toEqual(plain(await fresh(rows.slice(0, n).filter(haiChau))));
    }
    expect(runningTopline('all', data(120), survey, opts, null).n).toBe(120);
  });

  it('then a review change or a reloaded cache starts over instead of adding to the old tallies', async () => {
    resetRunningToplines();
    runningTopline('k', data(100), survey, opts, null);
    // A review took responses out: the rows are no longer the old ones plus new ones.
    const kept = rows.filter((_, i) => i % 10 !== 0);
    expect(plain(runningTopline('k', data(kept.length, 1, 1, kept), survey, opts, null))).toEqual(plain(await fresh(kept)));
    // The cache reloaded (another epoch), in another order.
    const reversed = [...rows].reverse();
    expect(plain(runningTopline('k', data(60, 2, 1, reversed), survey, opts, null))).toEqual(plain(await fresh(reversed.slice(0, 60))));
  });

  it('then a request for an older revision that answers late gets its own figures and leaves the newer tallies intact', async () => {
    resetRunningToplines();
    runningTopline('k', data(100), survey, opts, null);
    expect(runningTopline('k', data(70), survey, opts, null).n).toBe(70);
    expect(plain(runningTopline('k', data(110), survey, opts, null))).toEqual(plain(await fresh(rows.slice(0, 110))));
  });
});
