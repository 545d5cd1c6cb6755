// The results page's pure helpers: the filter text sent to the API, download progress and file names,
// the crosstab's significance marks and its chart's segments.
import { describe, expect, it } from 'vitest';
import { crosstabSegments } from '../../client/src/app/results/charts/option.ts';
import { cellMark } from '../../client/src/app/results/crosstab-marks.ts';
import { fileNameFrom, progressOf, safeFileName } from '../../client/src/app/results/download.ts';
import { filterParam, withAnswerFilter } from '../../client/src/app/results/results-filter.ts';
import type { TCrosstab } from '../../server/contract/staff.ts';

describe('When filters are combined', () => {
  it('then strata come first, answer filters follow in the order added, empty choices are left out', () => {
    expect(filterParam({ district: 'hai-chau', group: '' }, [{ name: 'gender', values: ['female'] }, { name: 'age_group', values: ['1', '2'] }])).toBe(
      'district:hai-chau;gender:female;age_group:1,2',
    );
    expect(filterParam({ district: '' }, [])).toBe('');
  });

  it('then an answer filter on a variable the strata already filter is not sent twice', () => {
    expect(filterParam({ district: 'son-tra' }, [{ name: 'district', values: ['hai-chau'] }])).toBe('district:son-tra');
  });

  it('then adding a filter on the same question replaces it, and no values removes it', () => {
    const one = withAnswerFilter([], { name: 'gender', values: ['male'] });
    const two = withAnswerFilter(one, { name: 'gender', values: ['female'] });
    expect(two).toEqual([{ name: 'gender', values: ['female'] }]);
    expect(withAnswerFilter(two, { name: 'gender', values: [] })).toEqual([]);
  });
});

describe('When a download is under way', () => {
  it('then a text format counts rows past its header against the announced total', () => {
    expect(progressOf(5000, 51, 200, null, 1)).toEqual({ bytes: 5000, expectedRows: 200, rows: 50, fraction: 0.25 });
    // NDJSON has no header line.
    expect(progressOf(5000, 50, 200, null, 0).fraction).toBe(0.25);
  });

  it('then a binary format goes by bytes when their total is known, and is indeterminate otherwise', () => {
    expect(progressOf(300, 0, 200, 1200, null).fraction).toBe(0.25);
    expect(progressOf(300, 0, 200, null, null).fraction).toBeNull();
  });

  it('then more lines than announced (text with line breaks) never go past full', () => {
    expect(progressOf(9000, 500, 200, null, 1).fraction).toBe(1);
  });

  it('then the file name comes from Content-Disposition, UTF-8 form first', () => {
    expect(fileNameFrom(`attachment; filename="a.csv"; filename*=UTF-8''k%E1%BA%BFt-qu%E1%BA%A3.csv`, 'x')).toBe('kết-quả.csv');
    expect(fileNameFrom('attachment; filename="giua-nhiem-ky-2023-v1.xlsx"', 'x')).toBe('giua-nhiem-ky-2023-v1.xlsx');
    expect(fileNameFrom(null, 'fallback.csv')).toBe('fallback.csv');
  });

  it('then a saved chart is named safely from the question name', () => {
    expect(safeFileName('bang-cheo-gender-age_group')).toBe('bang-cheo-gender-age_group');
    expect(safeFileName('a/b: c?')).toBe('a_b_c');
    expect(safeFileName('///')).toBe('download');
  });
});

describe('When a crosstab is shown', () => {
  it('then a cell is marked when its adjusted residual passes ±1.96, and never when suppressed', () => {
    expect(cellMark(2.5, true)).toBe('up');
    expect(cellMark(-1.97, true)).toBe('down');
    expect(cellMark(1.5, true)).toBeNull();
    expect(cellMark(3, false)).toBeNull();
    expect(cellMark(null, true)).toBeNull();
  });

  it('then the chart has one bar per column group and one segment per row answer, suppressed cells empty', () => {
    const x = {
      row: { name: 'gender', title: 'Giới tính', levels: [{ value: 'male', label: 'Nam' }, { value: 'female', label: 'Nữ' }] },
      col: { name: 'party_member', title: 'Đảng viên', levels: [{ value: 'yes', label: 'Có' }, { value: 'no', label: 'Không' }] },
      crosstab: { colPct: { male: { yes: 60, no: null }, female: { yes: 40, no: 55 } } },
    } as unknown as TCrosstab;
    const { categories, segments } = crosstabSegments(x);
    expect(categories).toEqual(['Có', 'Không']);
    expect(segments.map((s) => s.name)).toEqual(['Nam', 'Nữ']);
    expect(segments.map((s) => s.values)).toEqual([
      [60, null],
      [40, 55],
    ]);
    expect(segments[0].color).not.toBe(segments[1].color);
  });
});
