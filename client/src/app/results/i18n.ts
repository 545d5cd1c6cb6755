// Strings of the results page (/app/campaigns/:slug/results), Vietnamese first.
import { fill, type Locale } from '../../locale';

const vi = {
  'title': 'Kết quả',
  'back': '← Về đợt khảo sát',
  'n': 'Số phiếu phân tích: {n} / {total}',
  'mode': 'Cách tính',
  'mode.unweighted': 'Không gia quyền',
  'mode.weighted': 'Có gia quyền',
  'weighting': 'Trọng số: {method}, cỡ mẫu hiệu dụng {eff}, hệ số thiết kế {deff}. Sai số tối đa (95%): ±{moe} điểm %.',
  'weighting.rake': 'cân chỉnh theo số liệu dân số',
  'weighting.none': 'theo ô phân tầng',
  'weighting.notConverged': 'Thuật toán cân chỉnh chưa hội tụ: hãy thận trọng khi đọc kết quả có gia quyền.',
  'district': 'Quận/huyện',
  'district.all': 'Toàn thành phố',
  'loadFailed': 'Không tải được kết quả.',
  'col.level': 'Phương án',
  'col.count': 'Số phiếu',
  'col.pct': '%',
  'col.se': 'SE',
  'col.moe': '± (95%)',
  'col.row': 'Dòng',
  'answered': '{n} người trả lời',
  'chart': 'Biểu đồ tỷ lệ của câu hỏi {title}',
  'mean': 'Điểm trung bình: {mean}',
  'xt.title': 'Bảng chéo',
  'xt.row': 'Biến hàng',
  'xt.col': 'Biến cột',
  'xt.pick': '— Chọn câu hỏi —',
  'xt.build': 'Lập bảng',
  'xt.busy': 'Đang tính…',
  'xt.caption': '{row} theo {col} (% theo cột, n = {n})',
  'xt.suppressed': '“—”: ô có dưới {k} người trả lời, không công bố.',
  'xt.p': 'Kiểm định Rao–Scott: F = {F}, p = {p}.',
  'xt.sig': 'Có khác biệt có ý nghĩa thống kê (p < 0,05): {row} khác nhau giữa các nhóm {col}.',
  'xt.notSig': 'Chưa thấy khác biệt có ý nghĩa thống kê (p ≥ 0,05): khác biệt giữa các nhóm có thể do ngẫu nhiên.',
  'export.title': 'Tải dữ liệu',
  'export.csv': 'CSV',
  'export.xlsx': 'Excel (xlsx)',
  'export.codebook': 'Sổ tay biến (xlsx)',
  'empty': 'Chưa có phiếu nào để phân tích.',
};

type ResultsKey = keyof typeof vi;

const en: Record<ResultsKey, string> = {
  'title': 'Results',
  'back': '← Back to the campaign',
  'n': 'Responses analysed: {n} / {total}',
  'mode': 'Estimates',
  'mode.unweighted': 'Unweighted',
  'mode.weighted': 'Weighted',
  'weighting': 'Weights: {method}, effective sample size {eff}, design effect {deff}. Maximum margin of error (95%): ±{moe} pp.',
  'weighting.rake': 'raked to population figures',
  'weighting.none': 'by stratum cell',
  'weighting.notConverged': 'Raking did not converge: read weighted results with caution.',
  'district': 'District',
  'district.all': 'Whole city',
  'loadFailed': 'Could not load the results.',
  'col.level': 'Answer',
  'col.count': 'Responses',
  'col.pct': '%',
  'col.se': 'SE',
  'col.moe': '± (95%)',
  'col.row': 'Row',
  'answered': '{n} answered',
  'chart': 'Chart of the shares of question {title}',
  'mean': 'Mean score: {mean}',
  'xt.title': 'Crosstab',
  'xt.row': 'Row variable',
  'xt.col': 'Column variable',
  'xt.pick': '— Choose a question —',
  'xt.build': 'Build table',
  'xt.busy': 'Computing…',
  'xt.caption': '{row} by {col} (column %, n = {n})',
  'xt.suppressed': '“—”: fewer than {k} respondents in the cell, not shown.',
  'xt.p': 'Rao–Scott test: F = {F}, p = {p}.',
  'xt.sig': 'Statistically significant difference (p < 0.05): {row} differs between the groups of {col}.',
  'xt.notSig': 'No statistically significant difference (p ≥ 0.05): the differences between groups may be chance.',
  'export.title': 'Download data',
  'export.csv': 'CSV',
  'export.xlsx': 'Excel (xlsx)',
  'export.codebook': 'Codebook (xlsx)',
  'empty': 'No responses to analyse yet.',
};

export function rt(locale: Locale, key: ResultsKey, params: Record<string, string> = {}): string {
  return fill((locale === 'vi' ? vi : en)[key], params);
}

const pct1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const num2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const num3 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/** 37.25 → "37,3" (vi-VN digits in both languages, as the other staff pages). */
export const fmtPct = (n: number) => (Number.isFinite(n) ? pct1.format(n) : '—');
export const fmtNum = (n: number) => (Number.isFinite(n) ? num2.format(n) : '—');
export const fmtP = (p: number) => (!Number.isFinite(p) ? '—' : p < 0.001 ? '< 0,001' : num3.format(p));
