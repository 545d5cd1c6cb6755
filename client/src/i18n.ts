// Every string a respondent reads on our pages (outside the questionnaire itself), Vietnamese first,
// English second. Respondents are addressed as "Ông/Bà", the register of official surveys in Viet Nam.
// Staff pages keep their own catalogue (src/app/i18n.ts), so respondents never download staff strings.
import { fill, type Locale } from './locale';

export { LOCALES, isLocale, type Locale } from './locale';

const vi = {
  'page.title': 'Phiếu khảo sát',
  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',
  'loading': 'Đang tải phiếu khảo sát…',
  'fieldwork': 'Thời gian khảo sát: {from} – {to}',
  'plannedWindow': 'Thời gian theo kế hoạch: {from} – {to}',
  'autosave': 'Câu trả lời được tự động lưu trên thiết bị này; Ông/Bà có thể đóng trang và quay lại sau.',
  'offlineCopy': 'Không kết nối được máy chủ, đang dùng bản phiếu đã lưu trên thiết bị này.',
  'retry': 'Thử lại',

  'notFound.title': 'Không tìm thấy phiếu khảo sát',
  'notFound.body': 'Đường dẫn này không ứng với đợt khảo sát nào. Vui lòng kiểm tra lại đường dẫn đã nhận được.',
  'closed.title': 'Đợt khảo sát đã kết thúc',
  'closed.body': 'Đợt khảo sát nhận phiếu từ {from} đến {to} (giờ Việt Nam) và hiện đã kết thúc. Xin cảm ơn sự quan tâm của Ông/Bà.',
  'scheduled.title': 'Đợt khảo sát chưa bắt đầu',
  'scheduled.body': 'Đợt khảo sát nhận phiếu từ {from} đến {to} (giờ Việt Nam). Kính mời Ông/Bà quay lại trong thời gian này.',
  'paused.title': 'Đợt khảo sát đang tạm dừng',
  'paused.body': 'Hiện tạm thời chưa nhận phiếu. Kính mời Ông/Bà quay lại sau.',
  'loadFailed.title': 'Không tải được phiếu khảo sát',
  'loadFailed.body': 'Mạng đang chập chờn hoặc mất kết nối. Vui lòng kiểm tra kết nối rồi bấm “Thử lại”.',

  'token.required.title': 'Cần đường dẫn trong thư mời',
  'token.required.body': 'Đợt khảo sát này chỉ nhận phiếu qua đường dẫn riêng in trong thư mời gửi tới từng người. Xin mở đúng đường dẫn (hoặc quét mã QR) trong thư mời Ông/Bà đã nhận.',
  'token.invalid.title': 'Đường dẫn mời không hợp lệ',
  'token.invalid.body': 'Mã mời trong đường dẫn không đúng. Xin kiểm tra lại đường dẫn trong thư mời, hoặc quét lại mã QR.',
  'token.used.title': 'Đường dẫn mời này đã được sử dụng',
  'token.used.body': 'Phiếu trả lời theo đường dẫn mời này đã được gửi. Mỗi đường dẫn mời chỉ dùng được một lần.',
  'token.revoked.title': 'Đường dẫn mời đã bị thu hồi',
  'token.revoked.body': 'Đường dẫn mời này không còn hiệu lực. Xin liên hệ đơn vị đã gửi thư mời.',
  'token.yourReceipt': 'Phiếu gửi từ điện thoại này đã được nhận lúc {at} (giờ Việt Nam), mã phiếu {id}.',
  'invitation.fixed': 'Theo thư mời, một số thông tin (như địa bàn, nhóm đối tượng) đã được điền sẵn và không cần sửa.',
  'link.fixed': 'Đường dẫn này dành cho một địa bàn, nhóm đối tượng nhất định: các thông tin đó đã được điền sẵn.',

  'submitting': 'Đang gửi phiếu…',
  'thanks.title': 'Xin trân trọng cảm ơn Ông/Bà!',
  'thanks.body': 'Phiếu trả lời đã được gửi tới hệ thống và lưu lại đầy đủ. Ông/Bà có thể đóng trang này.',
  'thanks.receipt': 'Mã phiếu: {id}',
  'thanks.sentAt': 'Đã gửi lúc {at} (giờ Việt Nam).',
  'thanks.again': 'Điền một phiếu mới',

  'network.title': 'Chưa gửi được phiếu',
  'queued.saved': 'Đã lưu trên điện thoại này, sẽ tự động gửi khi có mạng.',
  'network.body': 'Không kết nối được máy chủ. Câu trả lời của Ông/Bà vẫn được lưu trên thiết bị này, không bị mất. Ông/Bà có thể đóng trang; phiếu sẽ được gửi khi mở lại trang lúc có mạng.',
  'server.body': 'Máy chủ tạm thời chưa xử lý được phiếu. Câu trả lời của Ông/Bà vẫn được lưu trên thiết bị này, không bị mất; hệ thống sẽ tự gửi lại sau ít phút.',
  'resend': 'Gửi lại ngay',
  'review': 'Xem lại câu trả lời',

  'invalid.title': 'Cần xem lại một số câu trả lời',
  'invalid.body': 'Hệ thống chưa nhận phiếu vì các câu dưới đây cần được sửa. Các câu trả lời khác vẫn được giữ nguyên.',
  'invalid.back': 'Quay lại sửa',
  'closedOnSubmit.body': 'Câu trả lời của Ông/Bà vẫn được lưu trên thiết bị này.',
  'rejected.title': 'Hệ thống không nhận phiếu',
  'rejected.body': 'Máy chủ từ chối phiếu (mã {status}). Câu trả lời vẫn được lưu trên thiết bị này. Vui lòng liên hệ đơn vị tổ chức khảo sát nếu lỗi lặp lại.',
  'quota.title': 'Nhóm đối tượng đã đủ số phiếu',
  'quota.body': 'Nhóm đối tượng của Ông/Bà đã đủ số phiếu cần thu. Trân trọng cảm ơn Ông/Bà đã quan tâm.',
  'refused.kept': 'Phiếu vẫn được lưu trên điện thoại này, trong danh sách “Phiếu trên điện thoại này chưa gửi được”, cho đến khi Ông/Bà xoá.',

  'outbox.title': 'Phiếu trên điện thoại này chưa gửi được',
  'outbox.item': '{title} · lưu lúc {at}',
  'outbox.pending': 'Đang chờ mạng để gửi (đã thử {n} lần).',
  'outbox.rejected': 'Hệ thống không nhận: {reason}',
  'outbox.sendNow': 'Gửi ngay',
  'outbox.dismiss': 'Xoá khỏi danh sách',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'page.title': 'Survey',
  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',
  'loading': 'Loading the survey…',
  'fieldwork': 'Fieldwork: {from} – {to}',
  'plannedWindow': 'Planned fieldwork: {from} – {to}',
  'autosave': 'Your answers are saved on this device as you go; you can close the page and come back later.',
  'offlineCopy': 'The server cannot be reached; using the copy of the survey saved on this device.',
  'retry': 'Try again',

  'notFound.title': 'Survey not found',
  'notFound.body': 'This link does not lead to any survey. Please check the link you received.',
  'closed.title': 'This survey has closed',
  'closed.body': 'The survey accepted responses from {from} to {to} (Viet Nam time) and has now closed. Thank you for your interest.',
  'scheduled.title': 'This survey has not opened yet',
  'scheduled.body': 'The survey accepts responses from {from} to {to} (Viet Nam time). Please come back then.',
  'paused.title': 'This survey is paused',
  'paused.body': 'Responses are not being accepted at the moment. Please come back later.',
  'loadFailed.title': 'The survey could not be loaded',
  'loadFailed.body': 'The connection is weak or down. Please check it and press “Try again”.',

  'token.required.title': 'This survey needs your invitation link',
  'token.required.body': 'This survey accepts answers only through the personal link printed on each invitation. Please open the link (or scan the QR code) on the invitation you received.',
  'token.invalid.title': 'This invitation link is not valid',
  'token.invalid.body': 'The invitation code in the link is wrong. Please check the link on your invitation or scan the QR code again.',
  'token.used.title': 'This invitation link has already been used',
  'token.used.body': 'A response has already been sent with this invitation link. Each invitation link can be used once.',
  'token.revoked.title': 'This invitation link has been withdrawn',
  'token.revoked.body': 'This invitation link is no longer valid. Please contact the office that sent the invitation.',
  'token.yourReceipt': 'The response sent from this phone was received at {at} (Viet Nam time), receipt number {id}.',
  'invitation.fixed': 'As stated on your invitation, some details (such as the district and respondent group) are already filled in.',
  'link.fixed': 'This link is for one district and respondent group: those details are already filled in.',

  'submitting': 'Sending your answers…',
  'thanks.title': 'Thank you!',
  'thanks.body': 'Your answers have reached us and are stored. You may close this page.',
  'thanks.receipt': 'Receipt number: {id}',
  'thanks.sentAt': 'Sent at {at} (Viet Nam time).',
  'thanks.again': 'Fill in a new response',

  'network.title': 'Your answers have not been sent yet',
  'queued.saved': 'Saved on this phone; it will be sent automatically when there is a connection.',
  'network.body': 'The server cannot be reached. Your answers are still saved on this device; nothing is lost. You may close the page: the response is sent when the page is next opened with a connection.',
  'server.body': 'The server could not process your answers just now. They are still saved on this device; nothing is lost, and sending is retried in a few minutes.',
  'resend': 'Send again now',
  'review': 'Review my answers',

  'invalid.title': 'Some answers need another look',
  'invalid.body': 'Your response was not accepted because the questions below need correcting. Your other answers are kept.',
  'invalid.back': 'Go back and correct',
  'closedOnSubmit.body': 'Your answers are still saved on this device.',
  'rejected.title': 'Your response was not accepted',
  'rejected.body': 'The server refused the response (code {status}). Your answers are still saved on this device. Please contact the survey organisers if this happens again.',
  'quota.title': 'Your group already has all the responses needed',
  'quota.body': 'The survey already has all the responses it needs from your group. Thank you for your interest.',
  'refused.kept': 'The response stays on this phone, in the list “Responses on this phone not sent yet”, until you remove it.',

  'outbox.title': 'Responses on this phone not sent yet',
  'outbox.item': '{title} · saved at {at}',
  'outbox.pending': 'Waiting for a connection (tried {n} times).',
  'outbox.rejected': 'Not accepted: {reason}',
  'outbox.sendNow': 'Send now',
  'outbox.dismiss': 'Remove from the list',
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return fill(catalogues[locale][key], params);
}

