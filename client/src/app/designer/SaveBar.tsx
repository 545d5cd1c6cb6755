// The editor's top bar: back to the list, the questionnaire's title, the save status (Đang lưu… /
// Đã lưu / Chưa lưu — lỗi), the check and publish actions, and the banners that keep edits from being
// lost: a conflict with someone else's save, and a copy of unsaved edits found in this browser.
import type { Locale } from '../../locale';
import { dt, type DesignerKey } from './i18n';
import type { DraftApi, SaveStatus } from './useDraft';

interface Props {
  locale: Locale;
  title: string;
  latestVersion: number;
  draft: DraftApi;
  canEdit: boolean;
  onBack(): void;
  onCheck(): void;
  onPublish(): void;
}

const STATUS: Record<SaveStatus, DesignerKey> = {
  saved: 'save.saved',
  pending: 'save.pending',
  saving: 'save.saving',
  error: 'save.error',
  conflict: 'save.conflict',
};

export function SaveBar({ locale, title, latestVersion, draft, canEdit, onBack, onCheck, onPublish }: Props) {
  const { status } = draft;
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <>
      <header className="dz-bar">
        <button type="button" className="dz-link" onClick={onBack}>← {dt(locale, 'editor.back')}</button>
        <h1 className="dz-bar__title" title={title}>{title}</h1>
        <span className="dz-bar__version">
          {latestVersion ? dt(locale, 'editor.latest', { n: latestVersion }) : dt(locale, 'editor.unpublished')}
        </span>
        {canEdit ? (
          <>
            <span className={`dz-status dz-status--${status}`} role="status" aria-live="polite" data-testid="save-status">
              {dt(locale, STATUS[status])}
              {status === 'error' && draft.saveError ? `: ${draft.saveError}` : ''}
            </span>
            {status === 'pending' || status === 'error' ? (
              <button type="button" className="dz-button dz-button--small" onClick={() => void draft.saveNow()}>{dt(locale, 'save.now')}</button>
            ) : null}
            <button type="button" className="dz-button" onClick={onCheck}>{dt(locale, 'check.action')}</button>
            <button type="button" className="dz-button dz-button--primary" onClick={onPublish}>{dt(locale, 'publish.action')}</button>
          </>
        ) : (
          <span className="dz-badge">{dt(locale, 'editor.readOnly')}</span>
        )}
      </header>
      {status === 'conflict' ? (
        <div className="dz-banner dz-banner--warning" role="alert">
          <p>{dt(locale, 'conflict.body')}</p>
          <button type="button" className="dz-button" onClick={() => void draft.reload()}>{dt(locale, 'conflict.reload')}</button>
          <button type="button" className="dz-button dz-button--primary" onClick={() => void draft.overwrite()}>{dt(locale, 'conflict.overwrite')}</button>
        </div>
      ) : null}
      {draft.restorable && canEdit ? (
        <div className="dz-banner" role="alert">
          <p>{dt(locale, 'restore.body', { at: when(draft.restorable.savedAt) })}</p>
          <button type="button" className="dz-button dz-button--primary" onClick={draft.restore}>{dt(locale, 'restore.apply')}</button>
          <button type="button" className="dz-button" onClick={draft.discardBackup}>{dt(locale, 'restore.discard')}</button>
        </div>
      ) : null}
    </>
  );
}
