// Live preview in a phone-sized frame, built by the respondent page's own createSurveyModel (same
// settings, theme and stylesheet), in Vietnamese or English. It follows the draft as it changes (keeping
// the answers typed into it, so show-if conditions can be tried) and opens the selected item's page.
import { useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import type { Locale } from '../../locale';
import { createSurveyModel } from '../../respondent/surveyModel';
import { dt } from './i18n';
import type { Json } from './localized';
import './preview.css';

interface Props {
  locale: Locale;
  json: Json;
  /** Page of the selected item (index into the questionnaire's pages). */
  pageIndex?: number;
  question?: string;
}

const REBUILD_MS = 300;

export default function Preview({ locale, json, pageIndex, question }: Props) {
  const [lang, setLang] = useState<Locale>('vi');
  const [model, setModel] = useState<Model | null>(null);
  const [error, setError] = useState('');
  const [pageNo, setPageNo] = useState(0);
  const [done, setDone] = useState(false);
  const [round, setRound] = useState(0);
  // Answers change what is visible; re-render so the "hidden by its condition" note stays true.
  const [, setAnswered] = useState(0);
  const answers = useRef<Record<string, unknown>>({});
  const frame = useRef<HTMLDivElement>(null);
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    const timer = setTimeout(() => {
      try {
        const next = createSurveyModel(json, { answers: answers.current, pageNo: 0, locale: langRef.current });
        next.onValueChanged.add(() => {
          answers.current = next.data;
          setAnswered((n) => n + 1);
        });
        next.onCurrentPageChanged.add(() => setPageNo(next.currentPageNo));
        next.onComplete.add(() => setDone(true));
        setModel(next);
        setError('');
        setDone(false);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }, REBUILD_MS);
    return () => clearTimeout(timer);
  }, [json, round]);

  useEffect(() => {
    if (model) model.locale = lang;
  }, [model, lang]);

  // Open the selected item's page when it is shown to respondents with the answers given so far.
  const page = model && pageIndex !== undefined ? model.pages[pageIndex] : undefined;
  const hiddenPage = page !== undefined && !page.isVisible;
  const target = model && question ? model.getQuestionByName(question) : null;
  const hiddenQuestion = target !== null && target !== undefined && !target.isVisible;
  useEffect(() => {
    if (!model || !page || !page.isVisible) return;
    if (model.currentPage !== page) model.currentPage = page;
    setPageNo(model.currentPageNo);
    if (!question) return;
    requestAnimationFrame(() => {
      const el = frame.current?.querySelector<HTMLElement>(`.sd-question[data-name="${CSS.escape(question)}"]`);
      if (el && frame.current) frame.current.scrollTop = el.offsetTop - 16;
    });
  }, [model, page, question]);

  return (
    <section className="dz-preview" aria-label={dt(locale, 'preview.label')}>
      <div className="dz-preview__bar">
        <h2>{dt(locale, 'preview.title')}</h2>
        <div className="dz-preview__lang" role="group" aria-label={dt(locale, 'preview.lang')}>
          {(['vi', 'en'] as const).map((l) => (
            <button key={l} type="button" aria-pressed={lang === l} aria-label={dt(locale, l === 'vi' ? 'preview.vi' : 'preview.en')} onClick={() => setLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {hiddenPage || hiddenQuestion ? <p className="dz-hint">{dt(locale, hiddenPage ? 'preview.hiddenPage' : 'preview.hiddenQuestion')}</p> : null}
      <div className="dz-phone" ref={frame} lang={lang}>
        {error ? <p className="dz-error">{dt(locale, 'preview.error', { reason: error })}</p> : null}
        {done ? (
          <div className="dz-preview__done">
            <p>{dt(locale, 'preview.done')}</p>
            <button type="button" className="dz-button" onClick={() => {
              answers.current = {};
              setRound((r) => r + 1);
            }}>{dt(locale, 'preview.again')}</button>
          </div>
        ) : model ? (
          <div className={pageNo === 0 ? 'survey' : 'survey survey--later-page'}>
            <Survey model={model} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
