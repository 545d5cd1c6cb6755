// The list of questionnaires: title, latest published version, whether the draft has unpublished
// changes, last update; designers also get "create".
import { useCallback, useEffect, useState } from 'react';
import type { TSurveyItem } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { api, ApiError } from '../api';
import { CreateSurvey } from './CreateSurvey';
import { dt } from './i18n';

interface Props {
  locale: Locale;
  canEdit: boolean;
  navigate(to: string): void;
}

export function SurveyList({ locale, canEdit, navigate }: Props) {
  const [items, setItems] = useState<TSurveyItem[] | null>(null);
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: TSurveyItem[] }>('GET', '/surveys')).items);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (id: string) => navigate(`/app/surveys/${encodeURIComponent(id)}`);
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });

  return (
    <div className="dz-list">
      <div className="dz-list__head">
        <h1>{dt(locale, 'list.title')}</h1>
        {canEdit && !creating ? (
          <button type="button" className="dz-button dz-button--primary" onClick={() => setCreating(true)}>{dt(locale, 'list.create')}</button>
        ) : null}
      </div>
      {creating ? <CreateSurvey locale={locale} onCancel={() => setCreating(false)} onCreated={open} /> : null}
      {error ? <p className="dz-error" role="alert">{error}</p> : null}
      {items === null && !error ? <p role="status">{dt(locale, 'loading')}</p> : null}
      {items && items.length === 0 ? <p>{dt(locale, 'list.empty')}</p> : null}
      {items && items.length > 0 ? (
        <table className="dz-table">
          <thead>
            <tr>
              <th scope="col">{dt(locale, 'list.colTitle')}</th>
              <th scope="col">{dt(locale, 'list.colVersion')}</th>
              <th scope="col">{dt(locale, 'list.colChanges')}</th>
              <th scope="col">{dt(locale, 'list.colUpdated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/app/surveys/${encodeURIComponent(item.id)}`} onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    open(item.id);
                  }}>{item.title}</a>
                </td>
                <td>{item.latestVersion ? item.latestVersion : dt(locale, 'list.none')}</td>
                <td>{item.unpublishedChanges ? dt(locale, 'list.changesYes') : dt(locale, 'list.changesNo')}</td>
                <td>{when(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
