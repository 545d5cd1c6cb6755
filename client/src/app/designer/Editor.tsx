// The questionnaire editor (/app/surveys/:id): outline, property panel or JSON view, live preview,
// validation and publishing, around the autosaved draft (useDraft).
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { TSurveyProblem, TValidation } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { api } from '../api';
import { dt } from './i18n';
import { JsonView } from './JsonView';
import { anyText, langKeys, type Json } from './localized';
import { Outline } from './Outline';
import { PagePanel, SurveyPanel } from './PagePanel';
import { ProblemList } from './Problems';
import { PublishDialog } from './PublishDialog';
import { QuestionPanel } from './QuestionPanel';
import { pageOfSelection, selectionForProblem, type Selection } from './selection';
import { SaveBar } from './SaveBar';
import { findQuestion, pagesOf, renameQuestion, updatePage, updateQuestion } from './tree';
import { useDraft } from './useDraft';

// survey-core is large: it loads with the editor's preview, never with the list of questionnaires.
const Preview = lazy(() => import('./Preview'));

interface Props {
  id: string;
  locale: Locale;
  canEdit: boolean;
  navigate(to: string): void;
}

export function Editor({ id, locale, canEdit, navigate }: Props) {
  const draft = useDraft(id, canEdit);
  const [selection, setSelection] = useState<Selection>({ kind: 'survey' });
  const [view, setView] = useState<'panel' | 'json'>('panel');
  const [validation, setValidation] = useState<TValidation | null>(null);
  const [checking, setChecking] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [reveal, setReveal] = useState(0);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (reveal === 0) return;
    panel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    panel.current?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
  }, [reveal]);

  const json = draft.json;
  if (draft.loadError) return <p className="dz-error" role="alert">{dt(locale, 'editor.loadFailed', { reason: draft.loadError })}</p>;
  if (!json || !draft.detail) return <p role="status">{dt(locale, 'loading')}</p>;
  const keys = langKeys(json);
  const disabled = !canEdit;

  const change = (next: Json, select?: Selection) => {
    draft.edit(next);
    if (select) setSelection(select);
  };
  const pick = (problem: TSurveyProblem) => {
    setSelection(selectionForProblem(json, problem));
    setView('panel');
    setReveal((n) => n + 1);
  };
  const check = async () => {
    setChecking(dt(locale, 'check.running'));
    setValidation(null);
    try {
      if (!(await draft.saveNow())) throw new Error(dt(locale, 'publish.notSaved'));
      setValidation(await api<TValidation>('POST', `/surveys/${encodeURIComponent(id)}/validate`));
      setChecking('');
    } catch (error) {
      setChecking(error instanceof Error ? error.message : String(error));
    }
  };

  const question = selection.kind === 'question' ? findQuestion(json, selection.name)?.question : undefined;
  const page = selection.kind === 'page' ? pagesOf(json)[selection.index] : undefined;

  return (
    <div className="dz-editor">
      <SaveBar
        locale={locale}
        title={anyText(json.title, 'vi', keys) || draft.detail.title}
        latestVersion={draft.detail.latestVersion}
        draft={draft}
        canEdit={canEdit}
        onBack={() => navigate('/app/surveys')}
        onCheck={() => void check()}
        onPublish={() => setPublishing(true)}
      />
      <div className="dz-columns">
        <Outline locale={locale} json={json} keys={keys} selection={selection} canEdit={canEdit} onSelect={setSelection} onChange={change} />
        <main className="dz-main">
          {checking || validation ? (
            <section className="dz-check-result" aria-label={dt(locale, 'check.title')}>
              <h2>{dt(locale, 'check.title')}</h2>
              {checking ? <p role="status">{checking}</p> : null}
              {validation ? <ProblemList locale={locale} problems={validation.problems} onPick={pick} /> : null}
            </section>
          ) : null}
          <div className="dz-tabs" role="tablist" aria-label={dt(locale, 'tabs.label')}>
            <button type="button" role="tab" aria-selected={view === 'panel'} onClick={() => setView('panel')}>{dt(locale, 'tabs.panel')}</button>
            <button type="button" role="tab" aria-selected={view === 'json'} onClick={() => setView('json')}>{dt(locale, 'tabs.json')}</button>
          </div>
          <div ref={panel} role="tabpanel" className="dz-tabpanel">
            {view === 'json' ? (
              <JsonView locale={locale} json={json} readOnly={disabled} onChange={(next) => change(next)} />
            ) : question ? (
              <QuestionPanel
                locale={locale}
                json={json}
                question={question}
                keys={keys}
                disabled={disabled}
                onChange={(next) => change(updateQuestion(json, String(question.name), () => next))}
                onRename={(name) => change(renameQuestion(json, String(question.name), name), { kind: 'question', name })}
              />
            ) : page && selection.kind === 'page' ? (
              <PagePanel locale={locale} json={json} page={page} index={selection.index} keys={keys} disabled={disabled} onChange={(next) => change(updatePage(json, selection.index, () => next))} />
            ) : (
              <SurveyPanel locale={locale} json={json} keys={keys} disabled={disabled} onChange={(next) => change(next)} />
            )}
          </div>
        </main>
        <Suspense fallback={<p role="status">{dt(locale, 'loading')}</p>}>
          <Preview locale={locale} json={json} pageIndex={pageOfSelection(json, selection)} question={selection.kind === 'question' ? selection.name : undefined} />
        </Suspense>
      </div>
      {publishing ? (
        <PublishDialog
          locale={locale}
          surveyId={id}
          saveNow={draft.saveNow}
          onClose={() => setPublishing(false)}
          onPublished={() => void draft.reload()}
          onPick={pick}
        />
      ) : null}
    </div>
  );
}
