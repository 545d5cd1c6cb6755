// Strings of the weights page (/app/campaigns/:slug/weights), Vietnamese first.
import { fill, type Locale } from '../../locale';

const vi = {
  'title': 'Trọng số',
  'back': '← Về đợt khảo sát',
  'intro':
    'Nhập số dân (tổng thể) theo từng biến, ví dụ số người từ 18 tuổi theo quận/huyện, giới tính, nhóm tuổi. Hệ thống cân chỉnh trọng số (raking) để mẫu khớp với các tỷ lệ này và dùng chúng khi xem kết quả “Có gia quyền”.',
  'readOnly': 'Bạn chỉ có quyền xem số liệu này.',
  'loadFailed': 'Không tải được trọng số.',
  'responses': 'Số phiếu dùng để tính: {n}',
  'source': 'Nguồn số liệu',
  'source.hint': 'Cơ quan, biểu, năm của số liệu dân số (ví dụ: Cục Thống kê thành phố, 2022).',
  'source.none': 'Chưa ghi nguồn số liệu.',
  'margins': 'Số liệu dân số theo biến',
  'margins.none': 'Chưa có biến nào: kết quả có gia quyền chỉ dùng các ô phân tầng (trọng số bằng nhau).',
  'margin.stratum': 'biến phân tầng',
  'margin.remove': 'Bỏ biến {name}',
  'margin.total': 'Tổng: {total}',
  'col.level': 'Giá trị',
  'col.population': 'Số dân',
  'add.label': 'Thêm biến',
  'add.pick': '— Chọn biến —',
  'add.button': 'Thêm',
  'count.label': 'Số dân: {level}',
  'save': 'Lưu số liệu dân số',
  'saving': 'Đang lưu…',
  'saved': 'Đã lưu. Trọng số đã được tính lại.',
  'saved.failed': 'Đã lưu, nhưng chưa tính được trọng số: xem lý do ở phần chẩn đoán.',
  'diag.title': 'Chẩn đoán trọng số',
  'diag.method': 'Cách tính',
  'diag.method.rake': 'cân chỉnh theo {margins} (raking)',
  'diag.method.none': 'chỉ theo ô phân tầng, chưa có số liệu dân số',
  'diag.converged': 'Hội tụ',
  'diag.converged.yes': 'Có, sau {n} vòng lặp',
  'diag.converged.no': 'Chưa hội tụ sau {n} vòng lặp: hãy kiểm tra các biên có mâu thuẫn nhau không.',
  'diag.n': 'Số phiếu có trọng số',
  'diag.effN': 'Cỡ mẫu hiệu dụng (Kish)',
  'diag.deff': 'Hệ số thiết kế do trọng số (Kish)',
  'diag.min': 'Trọng số nhỏ nhất',
  'diag.max': 'Trọng số lớn nhất',
  'diag.mean': 'Trọng số trung bình',
  'diag.cv': 'Hệ số biến thiên (CV)',
  'diag.ratio': 'Lớn nhất / nhỏ nhất',
  'hist.title': 'Phân bố trọng số',
  'hist.label': 'Biểu đồ phân bố trọng số: số phiếu theo khoảng trọng số',
  'failure.title': 'Không tính được trọng số',
  'failure.why': 'Lý do:',
  'cmp.title': 'So sánh mẫu, dân số và mẫu sau gia quyền',
  'cmp.caption': '{title}: tỷ lệ % theo từng giá trị',
  'cmp.sample': 'Mẫu',
  'cmp.population': 'Dân số',
  'cmp.weighted': 'Sau gia quyền',
  'cmp.n': 'Số phiếu',
  'cmp.missing': '{n} phiếu không có giá trị của biến này.',
  'cmp.chart': 'Biểu đồ so sánh tỷ lệ mẫu, dân số và sau gia quyền theo {title}',
  'cmp.saveFirst': 'Bảng so sánh dùng số liệu đã lưu.',
};

type WeightsKey = keyof typeof vi;

const en: Record<WeightsKey, string> = {
  'title': 'Weights',
  'back': '← Back to the campaign',
  'intro':
    'Enter population counts per variable, e.g. people aged 18 and over by district, sex and age group. The platform rakes the weights so that the sample matches these shares, and uses them for “Weighted” results.',
  'readOnly': 'You may read these figures but not change them.',
  'loadFailed': 'Could not load the weights.',
  'responses': 'Responses used: {n}',
  'source': 'Source of the figures',
  'source.hint': 'Office, table and year of the population figures (e.g. City Statistics Office, 2022).',
  'source.none': 'No source recorded.',
  'margins': 'Population counts by variable',
  'margins.none': 'No variables yet: weighted results use only the stratum cells (equal weights).',
  'margin.stratum': 'stratum',
  'margin.remove': 'Remove {name}',
  'margin.total': 'Total: {total}',
  'col.level': 'Level',
  'col.population': 'Population',
  'add.label': 'Add a variable',
  'add.pick': '— Choose a variable —',
  'add.button': 'Add',
  'count.label': 'Population: {level}',
  'save': 'Save population figures',
  'saving': 'Saving…',
  'saved': 'Saved. The weights have been recomputed.',
  'saved.failed': 'Saved, but the weights cannot be made: see why under the diagnostics.',
  'diag.title': 'Weight diagnostics',
  'diag.method': 'Method',
  'diag.method.rake': 'raked to {margins}',
  'diag.method.none': 'stratum cells only, no population figures yet',
  'diag.converged': 'Converged',
  'diag.converged.yes': 'Yes, after {n} iterations',
  'diag.converged.no': 'Not after {n} iterations: check whether the margins contradict each other.',
  'diag.n': 'Weighted responses',
  'diag.effN': 'Effective sample size (Kish)',
  'diag.deff': 'Design effect of weighting (Kish)',
  'diag.min': 'Smallest weight',
  'diag.max': 'Largest weight',
  'diag.mean': 'Mean weight',
  'diag.cv': 'Coefficient of variation (CV)',
  'diag.ratio': 'Largest / smallest',
  'hist.title': 'Distribution of the weights',
  'hist.label': 'Histogram of the weights: responses per weight range',
  'failure.title': 'The weights cannot be made',
  'failure.why': 'Why:',
  'cmp.title': 'Sample, population and weighted sample compared',
  'cmp.caption': '{title}: % by level',
  'cmp.sample': 'Sample',
  'cmp.population': 'Population',
  'cmp.weighted': 'Weighted',
  'cmp.n': 'Responses',
  'cmp.missing': '{n} responses have no value for this variable.',
  'cmp.chart': 'Chart comparing sample, population and weighted shares by {title}',
  'cmp.saveFirst': 'The comparison uses the saved figures.',
};

export function wt(locale: Locale, key: WeightsKey, params: Record<string, string> = {}): string {
  return fill((locale === 'vi' ? vi : en)[key], params);
}

const countFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

/** A population count as the inputs show it: vi-VN grouping ("153.000"), as the other staff pages. */
export const formatCount = (n: number) => countFormat.format(n);

/**
 * What the analyst typed, as a count: "153.000", "153 000", "153,000" and "153000" are 153000; "1,5" and
 * "1.5" are 1.5. Anything else goes to the server as typed, which names the field it refuses.
 */
export function parseCount(text: string): number | string | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (t === '') return null;
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d{1,3}(\.\d{3})*,\d+$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return text;
}

const pct1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const num3 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/** 37.25 → "37,3"; a weight or a ratio → up to three decimals ("1,168"). */
export const fmtPct = (n: number | null) => (n !== null && Number.isFinite(n) ? pct1.format(n) : '—');
export const fmtNum = (n: number | null) => (n !== null && Number.isFinite(n) ? num3.format(n) : '—');
