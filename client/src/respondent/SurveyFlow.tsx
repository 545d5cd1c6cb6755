// The questionnaire and what follows pressing "Gửi phiếu": sending, the thank-you page, and the ways
// sending can fail. The draft (answers, page, submission id) is written to the device on every change,
// and a failed submission is retried with the same submission id, so the server never stores it twice.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import type { TAnswerError, TPublicCampaign } from '../../../server/contract/public';
import { t, type Locale } from '../i18n';
import { submitResponse } from './api';
import { formatVnDateTime } from './dates';
import { Notice } from './Notice';
import { clearDraft, clearReceipt, loadDraft, loadReceipt, saveDraft, saveReceipt, type Draft, type Receipt } from './storage';
import { createSurveyModel, knownAnswers, questionTitle } from './surveyModel';
import { newSubmissionId } from './uuid';

type Phase =
  | { kind: 'filling' }
  | { kind: 'submitting' }
  | { kind: 'sent'; receipt: Receipt }
  | { kind: 'network' | 'server' }
  | { kind: 'invalid'; errors: TAnswerError[] }
  | { kind: 'closed'; detail?: string }
  | { kind: 'notFound' }
  | { kind: 'rejected'; status: number };

interface Props {
  slug: string;
  campaign: TPublicCampaign;
  locale: Locale;
}

function freshDraft(slug: string, campaign: TPublicCampaign, locale: Locale): Draft {
  return {
    slug,
    version: campaign.version,
    submissionId: newSubmissionId(),
    startedAt: new Date().toISOString(),
    answers: {},
    pageNo: 0,
    locale,
  };
}

/** The saved draft, if any; one made for an earlier version of the questionnaire keeps only the answers that still fit. */
function initialDraft(slug: string, campaign: TPublicCampaign, locale: Locale): Draft {
  const saved = loadDraft(slug);
  if (!saved) return freshDraft(slug, campaign, locale);
  if (saved.version === campaign.version) return saved;
  const probe = createSurveyModel(campaign.survey, { answers: {}, pageNo: 0, locale });
  return { ...saved, version: campaign.version, pageNo: 0, completedAt: undefined, answers: knownAnswers(probe, saved.answers) };
}

export default function SurveyFlow({ slug, campaign, locale }: Props) {
  const json = campaign.survey;
  const draft = useRef<Draft>(initialDraft(slug, campaign, locale));
  const [model, setModel] = useState<Model>(() => openModel(draft.current, json, locale));
  const [phase, setPhase] = useState<Phase>(() => {
    const receipt = loadReceipt(slug);
    const hasDraft = loadDraft(slug) !== undefined;
    if (!hasDraft && receipt) return { kind: 'sent', receipt };
    return draft.current.completedAt ? { kind: 'submitting' } : { kind: 'filling' };
  });
  const sending = useRef(false);
  const [pageNo, setPageNo] = useState(model.currentPageNo);

  const persist = useCallback((change: Partial<Draft>) => {
    draft.current = { ...draft.current, ...change };
    saveDraft(draft.current);
  }, []);

  const submit = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    setPhase({ kind: 'submitting' });
    const d = draft.current;
    const outcome = await submitResponse(slug, {
      submissionId: d.submissionId,
      answers: d.answers,
      locale: d.locale,
      startedAt: d.startedAt,
      completedAt: d.completedAt,
    });
    sending.current = false;
    switch (outcome.kind) {
      case 'stored': {
        const receipt = { id: outcome.id, submissionId: d.submissionId, sentAt: new Date().toISOString() };
        saveReceipt(slug, receipt);
        clearDraft(slug);
        return setPhase({ kind: 'sent', receipt });
      }
      case 'network':
      case 'server':
        return setPhase({ kind: outcome.kind });
      case 'invalid':
        return setPhase({ kind: 'invalid', errors: outcome.errors });
      case 'closed':
        return setPhase({ kind: 'closed', detail: outcome.detail });
      case 'notFound':
        return setPhase({ kind: 'notFound' });
      case 'rejected':
        return setPhase({ kind: 'rejected', status: outcome.status });
    }
  }, [slug]);

  // Wire the model to the draft: every answer and page turn is saved; completing sends.
  useEffect(() => {
    const save = () => persist({ answers: model.data, pageNo: model.currentPageNo });
    const turnPage = () => {
      save();
      setPageNo(model.currentPageNo);
      window.scrollTo({ top: 0 });
    };
    setPageNo(model.currentPageNo);
    const complete = () => {
      persist({ answers: model.data, completedAt: new Date().toISOString() });
      void submit();
    };
    model.onValueChanged.add(save);
    model.onCurrentPageChanged.add(turnPage);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(save);
      model.onCurrentPageChanged.remove(turnPage);
      model.onComplete.remove(complete);
    };
  }, [model, persist, submit]);

  // Switching language keeps the answers: only the model's locale changes.
  useEffect(() => {
    model.locale = locale;
    if (draft.current.locale !== locale && phase.kind !== 'sent') persist({ locale });
  }, [model, locale, persist, phase.kind]);

  // A response completed earlier but never acknowledged (tab closed while offline) is sent on reopening.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    if (phase.kind === 'submitting') void submit();
  }, [phase.kind, submit]);

  // Coming back online while the retry screen shows is the moment to retry, without waiting for a tap.
  useEffect(() => {
    if (phase.kind !== 'network') return;
    const retry = () => void submit();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [phase.kind, submit]);

  const backToSurvey = (errors: TAnswerError[] = []) => {
    persist({ completedAt: undefined });
    setModel(openModel(draft.current, json, locale, errors));
    setPhase({ kind: 'filling' });
  };

  const startAgain = () => {
    clearReceipt(slug);
    draft.current = freshDraft(slug, campaign, locale);
    saveDraft(draft.current);
    setModel(openModel(draft.current, json, locale));
    setPhase({ kind: 'filling' });
  };

  const button = (label: string, onClick: () => void, primary = false) => (
    <button type="button" className={`button ${primary ? 'button--primary' : ''}`} onClick={onClick}>
      {label}
    </button>
  );

  switch (phase.kind) {
    case 'filling':
      return (
        <>
          {pageNo === 0 ? <p className="page__note">{t(locale, 'autosave')}</p> : null}
          {/* After the first page the questionnaire's long description only pushes the questions down. */}
          <div className={pageNo === 0 ? 'survey' : 'survey survey--later-page'}>
            <Survey model={model} />
          </div>
        </>
      );
    case 'submitting':
      return (
        <Notice tone="info" title={t(locale, 'submitting')} testId="submitting">
          <div className="spinner" aria-hidden="true" />
        </Notice>
      );
    case 'sent':
      return (
        <Notice tone="success" title={t(locale, 'thanks.title')} testId="thank-you" actions={button(t(locale, 'thanks.again'), startAgain)}>
          <p>{t(locale, 'thanks.body')}</p>
          <p className="notice__meta">
            {t(locale, 'thanks.receipt', { id: phase.receipt.id.slice(-8).toUpperCase() })}
            <br />
            {t(locale, 'thanks.sentAt', { at: formatVnDateTime(phase.receipt.sentAt, locale) })}
          </p>
        </Notice>
      );
    case 'network':
    case 'server':
      return (
        <Notice
          tone="warning"
          title={t(locale, 'network.title')}
          testId="send-failed"
          actions={
            <>
              {button(t(locale, 'resend'), () => void submit(), true)}
              {button(t(locale, 'review'), () => backToSurvey())}
            </>
          }
        >
          <p>{t(locale, phase.kind === 'network' ? 'network.body' : 'server.body')}</p>
        </Notice>
      );
    case 'invalid':
      return (
        <Notice tone="warning" title={t(locale, 'invalid.title')} testId="invalid" actions={button(t(locale, 'invalid.back'), () => backToSurvey(phase.errors), true)}>
          <p>{t(locale, 'invalid.body')}</p>
          <ul className="notice__list">
            {phase.errors.map((error, index) => (
              <li key={`${error.question}-${index}`}>
                <strong>{questionTitle(model, error.question)}</strong>: {error.message}
              </li>
            ))}
          </ul>
        </Notice>
      );
    case 'closed':
      return (
        <Notice tone="info" title={t(locale, 'closed.title')} testId="campaign-closed">
          {phase.detail ? <p>{phase.detail}</p> : null}
          <p>{t(locale, 'closedOnSubmit.body')}</p>
        </Notice>
      );
    case 'notFound':
      return (
        <Notice tone="error" title={t(locale, 'notFound.title')} testId="not-found">
          <p>{t(locale, 'notFound.body')}</p>
        </Notice>
      );
    case 'rejected':
      return (
        <Notice tone="error" title={t(locale, 'rejected.title')} testId="rejected" actions={button(t(locale, 'review'), () => backToSurvey())}>
          <p>{t(locale, 'rejected.body', { status: String(phase.status) })}</p>
        </Notice>
      );
  }
}

/** A model showing the draft; server errors, if any, are attached to their questions and the first one's page opens. */
function openModel(draft: Draft, json: Record<string, unknown>, locale: Locale, errors: TAnswerError[] = []): Model {
  const model = createSurveyModel(json, { answers: draft.answers, pageNo: draft.pageNo, locale });
  let opened = false;
  for (const error of errors) {
    const question = model.getQuestionByName(error.question);
    if (!question) continue;
    question.addError(error.message);
    if (!opened && question.isVisible && question.page?.isVisible) {
      model.currentPage = question.page;
      opened = true;
    }
  }
  return model;
}
