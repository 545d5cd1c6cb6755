// Strings of the printable report (/app/campaigns/:slug/report), Vietnamese first, and its number formats.
import { fill, type Locale } from '../../locale';

const vi = {
  'title': 'Báo cáo',
  'back': '← Về kết quả',
  'print': 'In / Lưu PDF',
  'printHint': 'Khổ A4 dọc. Trong hộp thoại in, chọn “Lưu thành PDF” để có tệp PDF.',
  'loadFailed': 'Không tải được báo cáo.',
  'org.parent': 'THÀNH ỦY ĐÀ NẴNG',
  'org.board': 'BAN TUYÊN GIÁO',
  'date': 'Đà Nẵng, ngày {day} tháng {month} năm {year}',
  'kicker': 'Báo cáo kết quả điều tra xã hội học',
  'author': 'Đơn vị thực hiện: Ban Tuyên giáo Thành ủy Đà Nẵng',
  'basis.weighted': 'Số liệu trong báo cáo là ước lượng có gia quyền, tính trên {n} phiếu hợp lệ.',
  'basis.unweighted': 'Số liệu trong báo cáo là tỷ lệ không gia quyền, tính trực tiếp trên {n} phiếu hợp lệ.',

  's1': '1. Kết quả thu thập phiếu',
  'fw.period': 'Thời gian khảo sát: từ ngày {open} đến ngày {close}.',
  'fw.total': 'Số phiếu hoàn thành: {completed} trên chỉ tiêu {quota} phiếu (đạt {pct}% chỉ tiêu).',
  'fw.totalNoQuota': 'Số phiếu hoàn thành: {completed}. Đợt khảo sát không đặt chỉ tiêu số phiếu.',
  'fw.byDistrict': 'Bảng 1. Số phiếu hoàn thành so với chỉ tiêu, theo quận/huyện',
  'fw.byGroup': 'Bảng 2. Số phiếu hoàn thành so với chỉ tiêu, theo nhóm đối tượng',
  'fw.byOther': 'Số phiếu hoàn thành so với chỉ tiêu, theo {variable}',
  'col.district': 'Quận/huyện',
  'col.group': 'Nhóm đối tượng',
  'col.quota': 'Chỉ tiêu',
  'col.completed': 'Hoàn thành',
  'col.pct': '% chỉ tiêu',
  'total': 'Tổng cộng',
  'fw.rate': 'Tỷ lệ phản hồi của người được mời: {used}/{issued} phiếu mời đã được dùng để trả lời ({pct}%).',
  'fw.ratePublic': 'Phiếu trả lời qua đường dẫn công khai không có mẫu số nên không tính vào tỷ lệ này.',
  'fw.rateUnknownPublic': 'Tỷ lệ phản hồi: không xác định. Phiếu được trả lời qua đường dẫn công khai, không có danh sách người được mời để làm mẫu số; bảng trên chỉ so với chỉ tiêu.',
  'fw.rateUnknownNone': 'Tỷ lệ phản hồi: không xác định, vì chưa phát phiếu mời nào.',
  'fw.rateUnknownFailed': 'Tỷ lệ phản hồi: không xác định (không đọc được danh sách phiếu mời).',
  'fw.noStrata': 'Đợt khảo sát không phân tầng: không có chỉ tiêu theo quận/huyện hay nhóm đối tượng.',
  'fw.scoped': 'Tài khoản của bạn chỉ xem được các quận/huyện: {districts}. Các bảng dưới đây chỉ gồm những địa bàn này.',

  's2': '2. Phương pháp',
  'm.design': 'Thiết kế mẫu: chọn mẫu phân tầng theo {variables} ({cells} ô), mỗi ô có chỉ tiêu số phiếu; tổng chỉ tiêu {quota} phiếu. Người trả lời tự điền phiếu trực tuyến.',
  'm.designNone': 'Thiết kế mẫu: không phân tầng, không đặt chỉ tiêu. Người trả lời tự điền phiếu trực tuyến.',
  'm.rake': 'Gia quyền: mỗi ô phân tầng là một tầng; trọng số được cân chỉnh lặp (raking) cho khớp số liệu dân số theo {margins} sau {iterations} vòng lặp{converged}. Hệ số thiết kế (Kish) {deff}, cỡ mẫu hiệu dụng {eff}.',
  'm.notConverged': ' (thuật toán chưa hội tụ: cần thận trọng khi đọc)',
  'm.none': 'Gia quyền: không gia quyền. Đợt khảo sát chưa có số liệu dân số để cân chỉnh, các tỷ lệ được tính trực tiếp trên phiếu thu được.',
  'm.failed': 'Gia quyền: không gia quyền. Chưa tính được trọng số ({reason}), các tỷ lệ được tính trực tiếp trên phiếu thu được.',
  'm.moe': 'Sai số: với độ tin cậy 95%, sai số tối đa của một tỷ lệ 50% là ±{moe} điểm phần trăm (tính từ cỡ mẫu hiệu dụng {eff}). Câu hỏi chỉ hỏi một phần người trả lời có sai số lớn hơn.',
  'm.moeSrs': 'Sai số: với độ tin cậy 95%, sai số tối đa của một tỷ lệ 50% là ±{moe} điểm phần trăm nếu coi {n} phiếu như một mẫu ngẫu nhiên đơn giản. Câu hỏi chỉ hỏi một phần người trả lời có sai số lớn hơn.',
  'm.moeNone': 'Sai số: chưa tính được vì chưa có phiếu.',
  'm.quality': 'Chất lượng dữ liệu: {completed} phiếu hoàn thành, {excluded} phiếu bị loại sau khi kiểm tra, {n} phiếu được đưa vào phân tích.',
  'm.qualityUnknown': 'Chất lượng dữ liệu: {n} phiếu được đưa vào phân tích (không xác định được số phiếu bị loại với phạm vi quyền của tài khoản này).',
  'm.figures': 'Cách đọc: tỷ lệ (%) tính trên số người được hỏi và có trả lời câu hỏi đó; câu hỏi nhiều lựa chọn có tổng trên 100%.',

  's3': '3. Kết quả theo từng phần của bảng hỏi',
  'sec': '3.{i}. {title}',
  'q.answered': '{n} người trả lời',
  'kf.top': 'Phương án được chọn nhiều nhất: {label}, {share}',
  'kf.topMany': 'Được chọn nhiều nhất: {label}, {share} số người trả lời',
  'kf.tie': ' (bằng nhau)',
  'kf.mean': 'Điểm trung bình: {mean}',
  'kf.positive': 'Tỷ lệ đánh giá tích cực (hai mức cao nhất của thang đo):',
  'kf.rowsTop': 'Phương án được chọn nhiều nhất ở từng nội dung:',
  'kf.rank': 'Được xếp ưu tiên số 1 nhiều nhất: {label}, {share} người trả lời',
  'kf.count': '{n} ý kiến trả lời tự do (xem trong tệp dữ liệu xuất).',
  'kf.none': 'Chưa có người trả lời.',
  'kf.moe': ' (±{moe})',
  'kf.meanMoe': ' (±{moe} điểm)',
  'var.district': 'quận/huyện',
  'var.group': 'nhóm đối tượng',
  'col.item': 'Nội dung',
  'col.share': 'Tỷ lệ',
  'empty': 'Chưa có phiếu nào để phân tích.',
};

type ReportKey = keyof typeof vi;

const en: Record<ReportKey, string> = {
  'title': 'Report',
  'back': '← Back to the results',
  'print': 'Print / Save as PDF',
  'printHint': 'A4 portrait. In the print dialog, choose “Save as PDF” for a PDF file.',
  'loadFailed': 'Could not load the report.',
  'org.parent': 'DA NANG CITY PARTY COMMITTEE',
  'org.board': 'PROPAGANDA BOARD',
  'date': 'Da Nang, {day}/{month}/{year}',
  'kicker': 'Sociological survey report',
  'author': 'Prepared by the Propaganda Board of the Da Nang City Party Committee',
  'basis.weighted': 'Figures in this report are weighted estimates from {n} valid responses.',
  'basis.unweighted': 'Figures in this report are unweighted shares of {n} valid responses.',

  's1': '1. Fieldwork',
  'fw.period': 'Fieldwork period: {open} to {close}.',
  'fw.total': 'Completed responses: {completed} against a target of {quota} ({pct}% of target).',
  'fw.totalNoQuota': 'Completed responses: {completed}. The campaign sets no target.',
  'fw.byDistrict': 'Table 1. Completed responses against target, by district',
  'fw.byGroup': 'Table 2. Completed responses against target, by respondent group',
  'fw.byOther': 'Completed responses against target, by {variable}',
  'col.district': 'District',
  'col.group': 'Respondent group',
  'col.quota': 'Target',
  'col.completed': 'Completed',
  'col.pct': '% of target',
  'total': 'Total',
  'fw.rate': 'Response rate of invited respondents: {used} of {issued} invitations were used to answer ({pct}%).',
  'fw.ratePublic': 'Responses through the public link have no denominator and are not part of this rate.',
  'fw.rateUnknownPublic': 'Response rate: not known. Respondents answered through a public link, so there is no list of people invited to divide by; the tables compare with the targets only.',
  'fw.rateUnknownNone': 'Response rate: not known, as no invitations were issued.',
  'fw.rateUnknownFailed': 'Response rate: not known (the invitations could not be read).',
  'fw.noStrata': 'The campaign is not stratified: there are no targets by district or respondent group.',
  'fw.scoped': 'Your account sees only these districts: {districts}. The tables below cover them only.',

  's2': '2. Methodology',
  'm.design': 'Design: a sample stratified by {variables} ({cells} cells), with a target number of responses in each cell; {quota} responses in all. Respondents fill in the questionnaire online.',
  'm.designNone': 'Design: no strata and no targets. Respondents fill in the questionnaire online.',
  'm.rake': 'Weighting: each cell is a stratum; weights were raked to the population figures by {margins} in {iterations} iterations{converged}. Kish design effect {deff}, effective sample size {eff}.',
  'm.notConverged': ' (raking did not converge: read with caution)',
  'm.none': 'Weighting: none. The campaign has no population figures to weight to, so shares are computed directly from the responses.',
  'm.failed': 'Weighting: none. The weights could not be made ({reason}), so shares are computed directly from the responses.',
  'm.moe': 'Margin of error: at 95% confidence, ±{moe} percentage points at most for a share of 50% (from the effective sample size {eff}). Questions asked of only some respondents have larger margins.',
  'm.moeSrs': 'Margin of error: at 95% confidence, ±{moe} percentage points at most for a share of 50%, treating the {n} responses as a simple random sample. Questions asked of only some respondents have larger margins.',
  'm.moeNone': 'Margin of error: not computed yet, as there are no responses.',
  'm.quality': 'Data quality: {completed} completed responses, {excluded} excluded after review, {n} analysed.',
  'm.qualityUnknown': 'Data quality: {n} responses analysed (the number excluded is not known within this account’s districts).',
  'm.figures': 'How to read: shares (%) are of those asked and answering each question; multiple-choice questions add up to more than 100%.',

  's3': '3. Results by section of the questionnaire',
  'sec': '3.{i}. {title}',
  'q.answered': '{n} answered',
  'kf.top': 'Most chosen answer: {label}, {share}',
  'kf.topMany': 'Most often chosen: {label}, {share} of respondents',
  'kf.tie': ' (tied)',
  'kf.mean': 'Mean score: {mean}',
  'kf.positive': 'Share positive (top two points of the scale):',
  'kf.rowsTop': 'Most chosen answer for each item:',
  'kf.rank': 'Most often ranked first: {label}, {share} of respondents',
  'kf.count': '{n} free-text answers (see the data export).',
  'kf.none': 'No answers yet.',
  'kf.moe': ' (±{moe})',
  'kf.meanMoe': ' (±{moe} points)',
  'var.district': 'district',
  'var.group': 'respondent group',
  'col.item': 'Item',
  'col.share': 'Share',
  'empty': 'No responses to analyse yet.',
};

export function rp(locale: Locale, key: ReportKey, params: Record<string, string> = {}): string {
  return fill((locale === 'vi' ? vi : en)[key], params);
}

const pct1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const num2 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** vi-VN digits in both languages, as the other staff pages: 37.25 → "37,3"; NaN → "—". */
/** A strata or margin variable in words: `district` → "quận/huyện", `district:group` → "quận/huyện × nhóm đối tượng". */
export function variableName(locale: Locale, name: string): string {
  return name
    .split(':')
    .map((part) => (part === 'district' || part === 'group' ? rp(locale, `var.${part}`) : part))
    .join(' × ');
}

export const fmtPct = (n: number) => (Number.isFinite(n) ? pct1.format(n) : '—');
export const fmtNum = (n: number) => (Number.isFinite(n) ? num2.format(n) : '—');
export const fmtInt = (n: number) => (Number.isFinite(n) ? int.format(n) : '—');
