// The questionnaire designer end to end, at office width (1280×900) in Debian's Chromium against the real
// app: a designer signs in, creates a questionnaire from the demo template, adds a bilingual Likert matrix
// with a show-if condition built in the condition builder, sees it in the phone preview in both languages,
// finds and fixes a validation problem, and publishes. A campaign on that version then shows a respondent
// the matrix only when the condition holds. Screenshots: /tmp/e2e-screens/designer-*.png.
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../server/campaigns/model';
import { Survey, SurveyVersion } from '../../server/surveys/model';
import { startTestApp, type TestApp } from '../helpers/app';
import { createStaff, loginAs } from '../helpers/staff';
import { openPhone, type Phone, prepareBrowserTest } from './browser';
import { signIn } from './staff';

const SHOTS = '/tmp/e2e-screens';
const MATRIX = 'trust_matrix';

let app: TestApp;
let designer: { username: string; password: string };

beforeAll(async () => {
  prepareBrowserTest('app.html', SHOTS);
  app = await startTestApp();
  designer = await createStaff('thietke.e2e', ['designer'], { displayName: 'Lê Thị Thiết Kế' });
});

afterAll(async () => {
  await app?.close();
});

const shot = (phone: Phone, name: string, fullPage = false) => phone.page.screenshot({ path: `${SHOTS}/designer-${name}.png`, fullPage });

/** Scrolls a question that has just been shown into view. SurveyJS may lay its row out once more right
 *  after it appears, which detaches the element first found; the next try finds the one that stays. */
async function scrollToShown(question: Locator) {
  const scrolled = () => question.scrollIntoViewIfNeeded({ timeout: 2_000 }).then(() => true, () => false);
  await expect.poll(scrolled, { timeout: 10_000 }).toBe(true);
}

async function withBrowser(name: string, width: number, height: number, fn: (phone: Phone) => Promise<void>) {
  const phone = await openPhone(width, height);
  try {
    await fn(phone);
    // 401 before signing in and the 409 of the conflict test are expected answers; nothing else is.
    expect(phone.problems.filter((p) => !/status of (401|409)\b/.test(p))).toEqual([]);
  } catch (error) {
    await phone.page.screenshot({ path: `${SHOTS}/FAILED-designer-${name}.png`, fullPage: true }).catch(() => undefined);
    if (phone.problems.length) console.error(`${name}: what the browser reported:\n${phone.problems.join('\n')}`);
    throw error;
  } finally {
    await phone.close();
  }
}

describe('questionnaire designer', () => {
  it('When a designer adds a conditional bilingual matrix, fixes the problem the check finds and publishes, then respondents see the matrix only when the condition holds', async () => {
    let surveyId = '';
    await withBrowser('editor', 1280, 900, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/surveys`);
      await signIn(page, designer);

      // Create from the demo template.
      await page.getByRole('button', { name: 'Tạo bảng câu hỏi mới' }).click();
      await page.getByLabel('Tên bảng câu hỏi').fill('Khảo sát thử: niềm tin vào chính quyền');
      await page.getByLabel('Từ mẫu có sẵn').check();
      await expect.poll(() => page.getByRole('combobox', { name: 'Chọn mẫu' }).inputValue()).toBe('giua-nhiem-ky-2023');
      await shot(phone, 'create');
      await page.getByRole('button', { name: 'Tạo', exact: true }).click();
      await page.getByRole('navigation', { name: 'Cấu trúc bảng câu hỏi' }).waitFor();
      surveyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      const outline = page.getByRole('navigation', { name: 'Cấu trúc bảng câu hỏi' });

      // A Likert matrix right after party_member, on page 1.
      await outline.getByRole('button', { name: /^party_member/ }).click();
      await page.getByLabel('Loại câu hỏi mới').selectOption('matrix');
      await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
      const names = () => outline.locator('.dz-outline__question').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
      const after = async () => (await names())[(await names()).indexOf('party_member') + 1];
      await expect.poll(after).toBe('q1');
      const name = page.getByLabel('Tên biến');
      await name.fill(MATRIX);
      await name.press('Enter');
      await expect.poll(after).toBe(MATRIX);

      // Keyboard reordering: down then up puts it back.
      await page.getByRole('button', { name: 'Chuyển câu hỏi xuống' }).click();
      await expect.poll(async () => (await names()).indexOf(MATRIX) - (await names()).indexOf('party_member')).toBe(2);
      await page.getByRole('button', { name: 'Chuyển câu hỏi lên' }).click();
      await expect.poll(after).toBe(MATRIX);

      await page.getByLabel('Tiêu đề (tiếng Việt)').fill('Ông/Bà tin tưởng các cơ quan sau ở mức nào?');
      await page.getByLabel('Tiêu đề (tiếng Anh)').fill('How much do you trust the following bodies?');
      await page.getByLabel('Dòng 1 (tiếng Việt)').fill('Chính quyền phường, xã');
      await page.getByLabel('Dòng 1 (tiếng Anh)').fill('Ward and commune authorities');
      await page.getByLabel('Dòng 2 (tiếng Việt)').fill('Mặt trận Tổ quốc');
      await page.getByLabel('Dòng 2 (tiếng Anh)').fill('The Fatherland Front');
      await page.getByRole('button', { name: 'Xoá Cột 5' }).click();
      await page.getByRole('button', { name: 'Xoá Cột 4' }).click();
      const columns = [
        ['Không tin', 'Distrust'],
        ['Bình thường', 'Neutral'],
        ['Tin tưởng', 'Trust'],
      ];
      for (const [i, [vi, en]] of columns.entries()) {
        await page.getByLabel(`Cột ${i + 1} (tiếng Việt)`).fill(vi);
        // The third column's English is left out on purpose: the check must find it.
        if (i < 2) await page.getByLabel(`Cột ${i + 1} (tiếng Anh)`).fill(en);
      }

      // Show only when party_member = 'yes', through the builder.
      await page.getByRole('button', { name: 'Thêm điều kiện' }).click();
      await page.getByLabel('Điều kiện 1: câu hỏi').selectOption('party_member');
      await page.getByLabel('Điều kiện 1: phép so sánh').selectOption('=');
      await page.getByLabel('Điều kiện 1: giá trị').selectOption({ value: JSON.stringify('yes') });

      // The JSON view follows the panel, and an unparsable edit changes nothing.
      await page.getByRole('tab', { name: 'JSON' }).click();
      const jsonText = page.getByLabel('Nội dung JSON của bản nháp');
      await expect.poll(() => jsonText.inputValue()).toContain(`"visibleIf": "{party_member} = 'yes'"`);
      await shot(phone, 'json');
      await jsonText.focus();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' x');
      await page.getByText('JSON không hợp lệ, chưa áp dụng').waitFor();
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.getByText('Sửa trực tiếp; thay đổi được áp dụng khi JSON hợp lệ.').waitFor();
      await page.getByRole('tab', { name: 'Thuộc tính' }).click();

      // The preview shows the selected question's page; answering party_member = yes there shows the matrix.
      const preview = page.locator('.dz-phone');
      await preview.locator('.sd-question[data-name="party_member"]').waitFor();
      expect(await preview.locator(`.sd-question[data-name="${MATRIX}"]`).count()).toBe(0);
      await preview.locator('.sd-question[data-name="party_member"] label:has(input[value="yes"])').click();
      const matrix = preview.locator(`.sd-question[data-name="${MATRIX}"]`);
      await matrix.waitFor();
      await scrollToShown(matrix);
      expect(await matrix.textContent()).toContain('Ông/Bà tin tưởng các cơ quan sau ở mức nào?');
      expect(await matrix.textContent()).toContain('Chính quyền phường, xã');
      expect((await preview.boundingBox())?.width).toBeLessThanOrEqual(420);
      await shot(phone, 'editor-vi');
      await page.getByRole('button', { name: 'Xem trước bằng tiếng Anh' }).click();
      await expect.poll(() => matrix.textContent()).toContain('How much do you trust the following bodies?');
      expect(await matrix.textContent()).toContain('The Fatherland Front');
      await shot(phone, 'editor-en');

      // Autosave, then the check finds the missing English; clicking it leads to the question's panel.
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 15_000 }).toBe('Đã lưu');
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const problems = page.getByRole('list', { name: 'Danh sách lỗi' });
      await problems.waitFor();
      const problem = problems.getByRole('button').filter({ hasText: MATRIX });
      expect(await problem.count()).toBe(1);
      expect(await problems.getByRole('button').count()).toBe(1);
      await shot(phone, 'check-problem');
      await outline.getByRole('button', { name: /^party_member/ }).click();
      await problem.click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: new RegExp(MATRIX) }).count()).toBe(1);
      const missing = page.getByLabel('Cột 3 (tiếng Anh)');
      await expect.poll(() => missing.isVisible()).toBe(true);
      await missing.fill('Trust');
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await page.getByText('Không phát hiện lỗi nào.').waitFor();

      // Publish: the summary, then the version number.
      await page.getByRole('button', { name: 'Phát hành', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Phát hành phiên bản mới' });
      await dialog.getByText('Phiên bản đầu tiên').waitFor();
      expect(await dialog.textContent()).toContain(MATRIX);
      await shot(phone, 'publish');
      await dialog.getByRole('button', { name: 'Phát hành phiên bản này' }).click();
      await dialog.getByText('Đã phát hành phiên bản 1.').waitFor();
      await dialog.getByRole('button', { name: 'Đóng' }).click();
      await page.getByText('Phiên bản đã phát hành: 1').waitFor();
      await shot(phone, 'published', true);
    });

    // A campaign on the published version, as the seed opens the demo one.
    const version = await SurveyVersion.findOne({ survey: surveyId, number: 1 }).lean();
    expect(version).not.toBeNull();
    const json = version!.json as { pages: { elements: { name: string; visibleIf?: string }[] }[] };
    expect(json.pages[0].elements.find((q) => q.name === MATRIX)?.visibleIf).toBe("{party_member} = 'yes'");
    const slug = 'thu-nghiem-thiet-ke';
    const now = Date.now();
    await Campaign.create({
      slug,
      title: { default: 'Designer test', vi: 'Thử nghiệm thiết kế' },
      survey: surveyId,
      version: version!._id,
      versionNumber: 1,
      opensAt: new Date(now - 3_600_000),
      closesAt: new Date(now + 7 * 86_400_000),
      timezone: 'Asia/Ho_Chi_Minh',
      plannedWindow: { opensAt: new Date(now - 3_600_000), closesAt: new Date(now + 7 * 86_400_000) },
      access: 'public',
      anonymity: 'anonymous',
      strata: { variables: [], cells: [] },
      whenFull: 'accept-and-flag',
    });

    await withBrowser('respondent', 390, 844, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/s/${slug}`);
      const party = page.locator('.sd-body .sd-question[data-name="party_member"]');
      await party.waitFor();
      const matrix = page.locator(`.sd-body .sd-question[data-name="${MATRIX}"]`);
      expect(await matrix.count()).toBe(0);
      await party.locator('label:has(input[value="yes"])').click();
      await matrix.waitFor();
      expect(await matrix.textContent()).toContain('Chính quyền phường, xã');
      await scrollToShown(matrix);
      await phone.page.screenshot({ path: `${SHOTS}/designer-respondent-yes.png` });
      await party.locator('label:has(input[value="no"])').click();
      await matrix.waitFor({ state: 'detached' });
    });

    const audit = await app.db.connection.collection('auditevents').find({}).toArray();
    const actions = audit.filter((e) => e.actor === designer.username).map((e) => e.action);
    for (const action of ['auth.login', 'survey.create', 'survey.draft_update', 'survey.publish']) expect(actions).toContain(action);
    const publish = audit.find((e) => e.action === 'survey.publish');
    expect(publish?.object?.id).toBe(surveyId);
  });

  it('When someone else saves meanwhile, then the designer is told, keeps their copy and may overwrite; a crash copy is offered back', async () => {
    const survey = await Survey.findOne({ key: 'giua-nhiem-ky-2023' }).lean();
    const id = String(survey!._id);
    await withBrowser('conflict', 1280, 900, async (phone) => {
      const { page } = phone;
      await page.goto(`${app.url}/app/surveys/${id}`);
      await signIn(page, designer);
      const titleVi = page.getByLabel('Tên bảng câu hỏi (tiếng Việt)');
      await titleVi.waitFor();

      // A colleague saves first.
      const colleague = await loginAs(app.url, designer.username, designer.password);
      const current = (await colleague.get(`/api/v1/surveys/${id}`)).body;
      const theirs = { ...current.draft, title: { default: 'Their title', vi: 'Tiêu đề của đồng nghiệp' } };
      expect((await colleague.put(`/api/v1/surveys/${id}/draft`, { json: theirs, revision: current.revision })).status).toBe(200);

      await titleVi.fill('Tiêu đề của tôi');
      const status = page.getByTestId('save-status');
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Chưa lưu — xung đột');
      await page.getByText('Người khác vừa lưu bảng câu hỏi này').waitFor();
      expect(await titleVi.inputValue()).toBe('Tiêu đề của tôi');
      await shot(phone, 'conflict');
      await page.getByRole('button', { name: 'Ghi đè bằng bản của tôi' }).click();
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Đã lưu');
      expect((await colleague.get(`/api/v1/surveys/${id}`)).body.draft.title.vi).toBe('Tiêu đề của tôi');

      // After a crash: the copy left in this browser is offered back, and restoring it saves it.
      const saved = (await colleague.get(`/api/v1/surveys/${id}`)).body;
      const lost = { json: { ...saved.draft, title: { default: 'Title', vi: 'Bản chưa kịp lưu' } }, revision: saved.revision, savedAt: new Date().toISOString() };
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`designer.draft.${id}`, JSON.stringify(lost)]);
      await page.reload();
      await page.getByRole('button', { name: 'Khôi phục bản nháp chưa lưu' }).click();
      await expect.poll(() => titleVi.inputValue()).toBe('Bản chưa kịp lưu');
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Đã lưu');
      expect((await colleague.get(`/api/v1/surveys/${id}`)).body.draft.title.vi).toBe('Bản chưa kịp lưu');
    });
  });
});
