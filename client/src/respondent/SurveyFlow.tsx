// The questionnaire and what follows pressing "Gửi phiếu". The draft (answers, page, submission id) is
// written to the phone on every change; a completed response goes to the outbox (outbox.ts), which
// sends it now or as soon as the connection returns, always with the same submission id, so the server
// never stores it twice. An invitation's answers so far are also saved on the server (partial.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import type { TAnswerError, TPublicCampaign } from '../../../server/contract/public';
import { t, type Locale } from '../i18n';
import { fixedStratum, freshDraft, initialDraft } from './draft';
import { Outcome, type Phase } from './Outcome';
import { getEntry, type OutboxEntry } from './outbox';
import { usePartialSave } from './partial';
import { isSending, onOutboxChange, queueResponse, sendResponse, withdrawResponse } from './sender';
import { clearReceipt, loadDraft, loadReceipt, saveDraft, type Draft, type Link } from './storage';
import { createSurveyModel } from './surveyModel';

interface Props {
  link: Link;
  campaign: TPublicCampaign;
  locale: Locale;
}

/** The screen an outbox entry calls for. */
function phaseOf(entry: OutboxEntry): Phase {
  if (entry.state === 'sent') return { kind: 'sent', receipt: { id: entry.responseId ?? '', submissionId: entry.submissionId, sentAt: entry.sentAt ?? '' } };
  if (entry.state === 'pending') return { kind: 'queued', entry };
  if (entry.problem?.status === 422 && entry.problem.errors?.length) return { kind: 'invalid', errors: entry.problem.errors };
  return { kind: 'refused', entry };
}

export default function SurveyFlow({ link, campaign, locale }: Props) {
  const json = campaign.survey;
  const [fixed] = useState(() => fixedStratum(link, campaign));
  const draft = useRef<Draft>(initialDraft(link, campaign, locale));
  const [model, setModel] = useState<Model>(() => openModel(draft.current, json, locale, fixed));
  const [phase, setPhase] = useState<Phase>(() => {
    const receipt = loadReceipt(link);
    if (!loadDraft(link) && receipt) return { kind: 'sent', receipt };
    return draft.current.completedAt ? { kind: 'submitting' } : { kind: 'filling' };
  });
  const [pageNo, setPageNo] = useState(model.currentPageNo);

  const persist = useCallback((change: Partial<Draft>) => {
    draft.current = { ...draft.current, ...change };
    saveDraft(draft.current);
  }, []);

  /** Queues the completed draft and tries to send it at once. */
  const submit = useCallback(async () => {
    setPhase({ kind: 'submitting' });
    const d = draft.current;
    await queueResponse({
      submissionId: d.submissionId,
      slug: link.slug,
      ...(link.token ? { token: link.token } : {}),
      title: campaign.campaign.title,
      submission: {
        submissionId: d.submissionId,
        answers: d.answers,
        locale: d.locale,
        startedAt: d.startedAt,
        completedAt: d.completedAt,
        ...(link.token ? { token: link.token } : {}),
      },
    });
    const entry = await sendResponse(d.submissionId);
    if (entry) setPhase(phaseOf(entry));
  }, [link, campaign]);

  /** Sends again what is already queued (the "Gửi lại ngay" button). */
  const resend = useCallback(async () => {
    setPhase({ kind: 'submitting' });
    const entry = await sendResponse(draft.current.submissionId);
    if (entry) setPhase(phaseOf(entry));
    else void submit();
  }, [submit]);

  // Whatever sends this response (the page loading, the connection returning, the retry timer), the
  // screen follows. A draft completed earlier shows where its outbox entry stands.
  useEffect(() => {
    const id = () => draft.current.submissionId;
    const unsubscribe = onOutboxChange((entry, outcome) => {
      if (entry.submissionId === id() && outcome) setPhase(phaseOf(entry));
    });
    if (draft.current.completedAt) {
      void getEntry(id()).then((entry) => {
        if (!entry) return void submit(); // completed before the outbox existed, or without IndexedDB
        if (!isSending(entry.submissionId)) setPhase(phaseOf(entry));
      });
    }
    return unsubscribe;
  }, [submit]);

  // Wire the model to the draft: every answer and page turn is saved; completing queues and sends.
  useEffect(() => {
    const save = () => persist({ answers: model.data, pageNo: model.currentPageNo, savedAt: new Date().toISOString() });
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

  usePartialSave(model, draft, phase.kind === 'filling');

  // Switching language keeps the answers: only the model's locale changes.
  useEffect(() => {
    model.locale = locale;
    if (draft.current.locale !== locale && phase.kind !== 'sent') persist({ locale });
  }, [model, locale, persist, phase.kind]);

  const backToSurvey = async (errors: TAnswerError[] = []) => {
    // A response waiting or needing corrections comes back out of the outbox to be changed; one the server
    // refused for good (campaign closed, link used…) stays listed with its reason.
    if (phase.kind !== 'refused') await withdrawResponse(draft.current.submissionId);
    persist({ completedAt: undefined });
    setModel(openModel(draft.current, json, locale, fixed, errors));
    setPhase({ kind: 'filling' });
  };

  const startAgain = () => {
    clearReceipt(link);
    draft.current = freshDraft(link, campaign, locale);
    saveDraft(draft.current);
    setModel(openModel(draft.current, json, locale, fixed));
    setPhase({ kind: 'filling' });
  };

  if (phase.kind !== 'filling') {
    return (
      <Outcome
        phase={phase}
        locale={locale}
        model={model}
        onResend={() => void resend()}
        onReview={(errors) => void backToSurvey(errors)}
        onStartAgain={link.token ? undefined : startAgain}
      />
    );
  }
  return (
    <>
      {pageNo === 0 ? <p className="page__note">{t(locale, 'autosave')}</p> : null}
      {pageNo === 0 && fixed && Object.keys(fixed).length ? (
        <p className="page__note" data-testid="invitation-note">
          {t(locale, campaign.invitation ? 'invitation.fixed' : 'link.fixed')}
        </p>
      ) : null}
      {/* After the first page the questionnaire's long description only pushes the questions down. */}
      <div className={pageNo === 0 ? 'survey' : 'survey survey--later-page'}>
        <Survey model={model} />
      </div>
    </>
  );
}

/** A model showing the draft; server errors, if any, are attached to their questions and the first one's page opens. */
function openModel(draft: Draft, json: Record<string, unknown>, locale: Locale, fixed?: Record<string, string>, errors: TAnswerError[] = []): Model {
  const model = createSurveyModel(json, { answers: draft.answers, pageNo: draft.pageNo, locale, fixed });
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
