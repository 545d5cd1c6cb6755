// A copy of unsaved edits in this browser's localStorage, per questionnaire, so a crash or a closed tab
// never loses work: on reopening, the editor offers to restore it. Cleared once the server has it.
import type { Json } from './localized';

export interface DraftBackup {
  json: Json;
  /** The server revision the edits started from. */
  revision: number;
  savedAt: string;
}

export const backupKey = (surveyId: string) => `designer.draft.${surveyId}`;

export function loadBackup(surveyId: string): DraftBackup | undefined {
  try {
    const raw = localStorage.getItem(backupKey(surveyId));
    const parsed = raw ? (JSON.parse(raw) as DraftBackup) : undefined;
    return parsed && typeof parsed.json === 'object' && parsed.json !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveBackup(surveyId: string, json: Json, revision: number): void {
  try {
    localStorage.setItem(backupKey(surveyId), JSON.stringify({ json, revision, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the autosave to the server still runs; nothing else to do here.
  }
}

export function clearBackup(surveyId: string): void {
  try {
    localStorage.removeItem(backupKey(surveyId));
  } catch {
    // ignore: see saveBackup
  }
}
