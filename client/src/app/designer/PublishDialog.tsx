// Publishing: saves the draft, shows what changes against the latest version and any problems, then
// publishes and shows the new version number. A 422 from the server shows its problems instead.
import { useEffect, useRef, useState } from 'react';
import type { TChangeSummary, TSurveyProblem, TValidation } from '../../../../server/contract/staff';
import type { Locale } from '../../locale';
import { api, ApiError } from '../api';
import { dt } from './i18n';
import { ProblemList } from './Problems';

interface Props {
  locale: Locale;
  surveyId: string;
  saveNow(): Promise<boolean>;
  onClose(): void;
  onPublished(version: number): void;
  onPick(problem: TSurveyProblem): void;
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; changes: TChangeSummary; validation: TValidation; publishing?: boolean }
  | { kind: 'refused'; problems: TSurveyProblem[] }
  | { kind: 'done'; version: number };

export function PublishDialog({ locale, surveyId, saveNow, onClose, onPublished, onPick }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const base = `/surveys/${encodeURIComponent(surveyId)}`;

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    let live = true;
    void (async () => {
      try {
        if (!(await saveNow())) throw new Error(dt(locale, 'publish.notSaved'));
        const [changes, validation] = await Promise.all([api<TChangeSummary>('GET', `${base}/changes`), api<TValidation>('POST', `${base}/validate`)]);
        if (live) setState({ kind: 'ready', changes, validation });
      } catch (error) {
        if (live) setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [base, locale, saveNow]);

  const publish = async () => {
    if (state.kind !== 'ready') return;
    setState({ ...state, publishing: true });
    try {
      const reply = await api<{ version: number }>('POST', `${base}/publish`);
      setState({ kind: 'done', version: reply.version });
      onPublished(reply.version);
    } catch (error) {
      const problems = error instanceof ApiError && Array.isArray(error.problem.problems) ? (error.problem.problems as TSurveyProblem[]) : undefined;
      if (problems) setState({ kind: 'refused', problems });
      else setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const pick = (problem: TSurveyProblem) => {
    onPick(problem);
    onClose();
  };
  const names = (list: string[]) => (list.length ? list.join(', ') : '—');

  return (
    <dialog ref={dialog} className="dz-dialog" aria-labelledby="dz-publish-title" onClose={onClose}>
      <h2 id="dz-publish-title">{dt(locale, 'publish.title')}</h2>
      {state.kind === 'loading' ? <p role="status">{dt(locale, 'publish.loading')}</p> : null}
      {state.kind === 'failed' ? <p className="dz-error" role="alert">{state.message}</p> : null}
      {state.kind === 'ready' ? (
        <>
          <h3>{state.changes.previousVersion ? dt(locale, 'publish.against', { n: state.changes.previousVersion }) : dt(locale, 'publish.first')}</h3>
          <dl className="dz-changes">
            <dt>{dt(locale, 'publish.added')}</dt>
            <dd>{names(state.changes.added)}</dd>
            <dt>{dt(locale, 'publish.removed')}</dt>
            <dd>{names(state.changes.removed)}</dd>
            <dt>{dt(locale, 'publish.changed')}</dt>
            <dd>{names(state.changes.changed)}</dd>
            <dt>{dt(locale, 'publish.pages')}</dt>
            <dd>{`${state.changes.pages.before} → ${state.changes.pages.after}`}</dd>
          </dl>
          <h3>{dt(locale, 'check.title')}</h3>
          <ProblemList locale={locale} problems={state.validation.problems} onPick={pick} />
        </>
      ) : null}
      {state.kind === 'refused' ? (
        <>
          <p className="dz-error" role="alert">{dt(locale, 'publish.refused')}</p>
          <ProblemList locale={locale} problems={state.problems} onPick={pick} />
        </>
      ) : null}
      {state.kind === 'done' ? (
        <p className="dz-ok" role="status">{dt(locale, 'publish.done', { n: state.version })}</p>
      ) : null}
      <div className="dz-dialog__actions">
        {state.kind === 'ready' ? (
          <button type="button" className="dz-button dz-button--primary" disabled={state.publishing || !state.validation.ok} onClick={() => void publish()}>
            {dt(locale, 'publish.confirm')}
          </button>
        ) : null}
        <button type="button" className="dz-button" onClick={onClose}>{dt(locale, 'close')}</button>
      </div>
    </dialog>
  );
}
