// Templates a designer can start from: the questionnaires under surveys/ (each folder's survey.json).
import { readSurveyFolders } from '../seed.ts';
import { titleText } from '../campaigns/service.ts';
import type { TTemplateItem } from '../contract/staff.ts';
import { NotFoundError } from '../errors.ts';

export async function listTemplates(surveysDir: string): Promise<TTemplateItem[]> {
  const folders = await readSurveyFolders(surveysDir);
  return folders.map((f) => ({ key: f.key, title: titleText(f.survey.title) || f.key }));
}

export async function readTemplate(surveysDir: string, key: string): Promise<Record<string, unknown>> {
  const folder = (await readSurveyFolders(surveysDir)).find((f) => f.key === key);
  if (!folder) throw new NotFoundError('survey.template_not_found', `Không có mẫu bảng câu hỏi "${key}".`);
  return folder.survey;
}
