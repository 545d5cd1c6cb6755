// The draft being edited and its way to the server: every edit is copied to localStorage at once and
// saved ~1.5 s after typing stops, naming the revision it started from. A 409 (someone else saved) stops
// autosaving and keeps the local copy until the designer chooses to reload or overwrite. While anything
// is unsaved, leaving the page asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TSurveyDetail } from '../../../../server/contract/staff';
import { api, ApiError } from '../api';
import { clearBackup, loadBackup, saveBackup, type DraftBackup } from './backup';
import type { Json } from './localized';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

const AUTOSAVE_MS = 1500;
const RETRY_MS = 15_000;

export interface DraftApi {
  detail: TSurveyDetail | null;
  loadError: string;
  json: Json | null;
  status: SaveStatus;
  saveError: string;
  /** A copy of unsaved edits found in this browser, differing from the server's draft. */
  restorable: DraftBackup | undefined;
  edit(next: Json): void;
  /** Saves now; true when the server has the current draft. */
  saveNow(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<void>;
  restore(): void;
  discardBackup(): void;
}

export function useDraft(id: string, canEdit: boolean): DraftApi {
  const [detail, setDetail] = useState<TSurveyDetail | null>(null);
  const [loadError, setLoadError] = useState('');
  const [json, setJson] = useState<Json | null>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [saveError, setSaveError] = useState('');
  const [restorable, setRestorable] = useState<DraftBackup | undefined>();
  const revision = useRef(0);
  const latest = useRef<Json | null>(null);
  const savedText = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflict = useRef(false);

  const load = useCallback(async () => {
    try {
      const d = await api<TSurveyDetail>('GET', `/surveys/${encodeURIComponent(id)}`);
      setDetail(d);
      revision.current = d.revision;
      latest.current = d.draft;
      savedText.current = JSON.stringify(d.draft);
      conflict.current = false;
      setJson(d.draft);
      setStatus('saved');
      const backup = loadBackup(id);
      if (backup && JSON.stringify(backup.json) !== savedText.current) setRestorable(backup);
      else clearBackup(id);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : String(error));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = useCallback(async (): Promise<boolean> => {
    const body = latest.current;
    if (!body || conflict.current) return false;
    const text = JSON.stringify(body);
    if (text === savedText.current) {
      setStatus('saved');
      clearBackup(id);
      return true;
    }
    setStatus('saving');
    try {
      const reply = await api<{ revision: number; updatedAt: string }>('PUT', `/surveys/${encodeURIComponent(id)}/draft`, {
        json: body,
        revision: revision.current,
      });
      revision.current = reply.revision;
      savedText.current = text;
      setDetail((d) => (d ? { ...d, revision: reply.revision, updatedAt: reply.updatedAt } : d));
      if (JSON.stringify(latest.current) === text) {
        setStatus('saved');
        clearBackup(id);
      } else setStatus('pending');
      setSaveError('');
      return true;
    } catch (error) {
      const problem = error instanceof ApiError ? error : undefined;
      if (problem?.status === 409) {
        conflict.current = true;
        setStatus('conflict');
      } else {
        setStatus('error');
        setSaveError(problem?.message ?? String(error));
      }
      return false;
    }
  }, [id]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    const run = send();
    inFlight.current = run;
    let ok = false;
    try {
      ok = await run;
    } finally {
      inFlight.current = null;
    }
    // Edits made while this save was on its way go out next; a failed save is retried a little later.
    if (ok && JSON.stringify(latest.current) !== savedText.current) return saveNow();
    if (!ok && !conflict.current) timer.current = setTimeout(() => void saveNow(), RETRY_MS);
    return ok;
  }, [send]);

  const edit = useCallback(
    (next: Json) => {
      latest.current = next;
      setJson(next);
      if (!canEdit) return;
      saveBackup(id, next, revision.current);
      if (conflict.current) return;
      setStatus('pending');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [canEdit, id, saveNow],
  );

  const reload = useCallback(async () => {
    clearTimeout(timer.current);
    clearBackup(id);
    setRestorable(undefined);
    await load();
  }, [id, load]);

  /** Keeps the local copy: takes the server's current revision and saves over it. */
  const overwrite = useCallback(async () => {
    try {
      const d = await api<TSurveyDetail>('GET', `/surveys/${encodeURIComponent(id)}`);
      revision.current = d.revision;
      savedText.current = JSON.stringify(d.draft);
      conflict.current = false;
      await saveNow();
    } catch (error) {
      setStatus('error');
      setSaveError(error instanceof ApiError ? error.message : String(error));
    }
  }, [id, saveNow]);

  const restore = useCallback(() => {
    if (restorable) edit(restorable.json);
    setRestorable(undefined);
  }, [restorable, edit]);

  const discardBackup = useCallback(() => {
    clearBackup(id);
    setRestorable(undefined);
  }, [id]);

  // Leaving the page (tab close, reload, another site) while edits are unsaved asks first.
  useEffect(() => {
    if (status === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [status]);

  // Leaving the editor inside the app (another staff page) sends what is pending rather than dropping it.
  useEffect(
    () => () => {
      if (timer.current !== undefined && latest.current && JSON.stringify(latest.current) !== savedText.current) {
        clearTimeout(timer.current);
        void send();
      }
    },
    [send],
  );

  return { detail, loadError, json, status, saveError, restorable, edit, saveNow, reload, overwrite, restore, discardBackup };
}
