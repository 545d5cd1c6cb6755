// Answers a SurveyJS page through its UI, the way a respondent would: for each visible question, pick
// an option, tick boxes, type text, rate, fill each matrix row, move a ranking item. It reads the
// rendered DOM only, so it keeps working when the questionnaire changes.
import type { Locator, Page } from 'playwright-core';

export interface FillOptions {
  /** Value to choose, by question name (radio/checkbox values; for booleans `true`/`false`). */
  choose?: Record<string, string | number | boolean | string[]>;
  /** What to type into free-text questions. */
  text?: string;
}

/** Codes that end a choice list ("other", "none", "hard to say"): a realistic filler avoids them. */
const SPECIAL = new Set(['other', 'none', 'refused', 'dontknow', '9', '99']);
const DEFAULT_TEXT = 'Đề nghị tiếp tục đầu tư hạ tầng giao thông và nâng cao chất lượng dịch vụ công ở phường.';

/** Fills every visible question of the current page, including ones that appear while answering. */
export async function fillCurrentPage(page: Page, options: FillOptions = {}): Promise<string[]> {
  const done: string[] = [];
  for (let guard = 0; guard < 200; guard++) {
    const names = await page
      .locator('.sd-body .sd-question[data-name]')
      .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getAttribute('data-name') ?? ''));
    const next = names.find((name) => name && !done.includes(name));
    if (!next) return done;
    done.push(next);
    await answer(page, page.locator(`.sd-body .sd-question[data-name="${next}"]`).first(), next, options);
  }
  throw new Error('fillCurrentPage: questions keep appearing');
}

async function answer(page: Page, question: Locator, name: string, options: FillOptions): Promise<void> {
  const want = options.choose?.[name];
  const text = options.text ?? DEFAULT_TEXT;

  const rows = question.locator('tr.sd-table__row');
  if ((await rows.count()) > 0) {
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const cells = rows.nth(i).locator('label');
      const count = await cells.count();
      // Vary the answers across rows, staying off the last column (often "hard to say").
      if (count > 0) await cells.nth(i % Math.max(1, count - 1)).click();
    }
    return;
  }

  if ((await question.locator('.sd-boolean').count()) > 0) {
    // The switch has a "false" half and a "true" half; an unanswered one sits in the middle.
    const halves = question.locator('.sd-boolean__thumb-ghost, .sd-boolean__label');
    const control = question.locator('input.sd-boolean__control');
    const target = want === false ? 0 : (await halves.count()) - 1;
    await halves.nth(target).click();
    if ((await control.isChecked()) !== (want !== false)) await control.setChecked(want !== false, { force: true });
    return;
  }

  const ranking = question.locator('.sv-ranking-item');
  if ((await ranking.count()) > 1) {
    // Keyboard reordering: the accessible way, and the only reliable one without a mouse drag on a phone.
    await ranking.first().focus();
    await page.keyboard.press('ArrowDown');
    return;
  }

  if ((await question.locator('.sd-dropdown, .sd-tagbox').count()) > 0) {
    const combo = question.locator('input[aria-controls]');
    const listId = (await combo.count()) > 0 ? await combo.first().getAttribute('aria-controls') : null;
    await question.locator('.sd-dropdown, .sd-tagbox').first().click();
    // Options are <li role="option" id="<list id><value>">: choose by code when told, else the first.
    const options = page.locator('.sv-popup:visible [role="option"]');
    await options.first().waitFor();
    const option = want !== undefined && listId ? page.locator(`[id="${listId}${String(want)}"]`) : options.first();
    await option.click();
    await page.locator('.sv-popup:visible').first().waitFor({ state: 'hidden' }).catch(() => undefined);
    return;
  }

  const rating = question.locator('.sd-rating__item');
  if ((await rating.count()) > 0) {
    const n = await rating.count();
    await rating.nth(typeof want === 'number' ? want : Math.floor(n * 0.7)).click();
    return;
  }

  const checkboxes = question.locator('input.sd-checkbox__control');
  if ((await checkboxes.count()) > 0) {
    const values = await checkboxes.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    const picked = Array.isArray(want) ? want : values.filter((v) => !SPECIAL.has(v)).slice(0, 2);
    for (const value of picked) await question.locator(`label:has(input[value="${value}"])`).first().click();
    return;
  }

  const radios = question.locator('input.sd-radio__control');
  if ((await radios.count()) > 0) {
    const values = await radios.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    const value = want !== undefined ? String(want) : (values.find((v) => !SPECIAL.has(v)) ?? values[0]);
    await question.locator(`label:has(input[value="${value}"])`).first().click();
    return;
  }

  const textarea = question.locator('textarea');
  if ((await textarea.count()) > 0) {
    await textarea.first().fill(text);
    return;
  }

  const inputs = question.locator('input.sd-formbox__input, input.sd-input');
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    const type = (await input.getAttribute('type')) ?? 'text';
    const min = Number((await input.getAttribute('min')) ?? 'NaN');
    if (type === 'number') await input.fill(String(Number.isFinite(min) ? Math.max(min, 35) : 35));
    else if (type === 'date') await input.fill('1985-05-01');
    else if (type === 'email') await input.fill('nguoi.tra.loi@example.vn');
    else if (type === 'tel') await input.fill('0905123456');
    else await input.fill(typeof want === 'string' ? want : text);
  }
  // No input at all: an html block (introduction) — nothing to answer.
}

/** Text of every validation error shown on the page (empty when the page passed). */
export async function visibleErrors(page: Page): Promise<string[]> {
  return page
    .locator('.sd-question--error')
    .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => `${el.getAttribute('data-name')}: ${el.textContent?.slice(0, 200)}`));
}
