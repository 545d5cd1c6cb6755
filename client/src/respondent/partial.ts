// An invitation's answers so far go to the server too, so the respondent can close the phone and go on
// from another device: 2 s after the last change, at every page turn, and when the tab is hidden or
// closed. Failures are silent: the phone keeps its own copy and the next change tries again.
import { useEffect, useRef } from 'react';
import type { Model } from 'survey-core';
import { savePartial } from './api';
import type { Draft } from './storage';

const QUIET_MS = 2_000;

export function usePartialSave(model: Model, draft: { current: Draft }, active: boolean): void {
  const dirty = useRef(false);
  useEffect(() => {
    const token = draft.current.token;
    if (!active || !token) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const push = (keepalive = false) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const d = draft.current;
      if (!dirty.current || d.completedAt) return;
      dirty.current = false;
      void savePartial(d.slug, { token, answers: model.data, pageNo: model.currentPageNo }, keepalive).then((ok) => {
        if (!ok) dirty.current = true;
      });
    };
    const changed = () => {
      dirty.current = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(push, QUIET_MS);
    };
    const turned = () => {
      dirty.current = true;
      push();
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') push(true);
    };
    const leaving = () => push(true);
    model.onValueChanged.add(changed);
    model.onCurrentPageChanged.add(turned);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    return () => {
      model.onValueChanged.remove(changed);
      model.onCurrentPageChanged.remove(turned);
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      push(true);
    };
  }, [model, draft, active]);
}
