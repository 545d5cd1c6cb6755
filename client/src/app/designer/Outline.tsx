// The outline: pages and their questions. Click to select; drag a question to reorder it within a page
// or move it to another page (HTML5 drag and drop); the selected item's buttons do the same from the
// keyboard (up/down cross page edges), and add, duplicate and delete.
import { useId, useState, type DragEvent } from 'react';
import type { Locale } from '../../locale';
import { dt, type DesignerKey } from './i18n';
import { anyText, type Json, type LangKeys } from './localized';
import { QUESTION_TYPES, isEditableType, newQuestion, type QuestionType } from './questionTypes';
import type { Selection } from './selection';
import { addPage, deletePage, deleteQuestion, duplicateQuestion, elementsOf, findQuestion, insertQuestion, movePage, moveQuestion, moveQuestionBy, pagesOf, uniqueName } from './tree';

interface Props {
  locale: Locale;
  json: Json;
  keys: LangKeys;
  selection: Selection;
  canEdit: boolean;
  onSelect(selection: Selection): void;
  onChange(json: Json, select?: Selection): void;
}

interface Drop {
  page: number;
  index: number;
}

export function Outline({ locale, json, keys, selection, canEdit, onSelect, onChange }: Props) {
  const id = useId();
  const [dragging, setDragging] = useState<string | null>(null);
  const [drop, setDrop] = useState<Drop | null>(null);
  const [newType, setNewType] = useState<QuestionType>('radiogroup');
  const pages = pagesOf(json);
  const selectedName = selection.kind === 'question' ? selection.name : undefined;

  const overQuestion = (event: DragEvent, page: number, index: number) => {
    if (!dragging) return;
    event.preventDefault();
    event.stopPropagation();
    const box = event.currentTarget.getBoundingClientRect();
    setDrop({ page, index: event.clientY > box.top + box.height / 2 ? index + 1 : index });
  };
  const overPage = (event: DragEvent, page: number) => {
    if (!dragging) return;
    event.preventDefault();
    setDrop({ page, index: elementsOf(pages[page]).length });
  };
  const finish = (event: DragEvent) => {
    event.preventDefault();
    if (dragging && drop) onChange(moveQuestion(json, dragging, drop.page, drop.index), { kind: 'question', name: dragging });
    setDragging(null);
    setDrop(null);
  };

  const addQuestion = () => {
    const name = uniqueName(json, 'q');
    const ref = selectedName ? findQuestion(json, selectedName) : null;
    const page = ref ? ref.page : selection.kind === 'page' ? selection.index : Math.max(pages.length - 1, 0);
    onChange(insertQuestion(json, newQuestion(newType, name), page, ref ? ref.index + 1 : undefined), { kind: 'question', name });
  };
  const removePage = (index: number) => {
    if (elementsOf(pages[index]).length > 0 && !window.confirm(dt(locale, 'outline.confirmDeletePage'))) return;
    onChange(deletePage(json, index), { kind: 'survey' });
  };

  return (
    <nav className="dz-outline" aria-label={dt(locale, 'outline.label')}>
      <button type="button" className={`dz-outline__survey ${selection.kind === 'survey' ? 'is-selected' : ''}`} aria-current={selection.kind === 'survey' || undefined} onClick={() => onSelect({ kind: 'survey' })}>
        {dt(locale, 'outline.survey')}
      </button>
      <ol className="dz-outline__pages">
        {pages.map((page, p) => {
          const pageSelected = selection.kind === 'page' && selection.index === p;
          return (
            <li key={p} className="dz-outline__page" onDragOver={(e) => overPage(e, p)} onDrop={finish}>
              <div className="dz-outline__page-head">
                <button type="button" className={`dz-outline__page-button ${pageSelected ? 'is-selected' : ''}`} aria-current={pageSelected || undefined} onClick={() => onSelect({ kind: 'page', index: p })}>
                  {dt(locale, 'outline.page', { n: p + 1 })}: {anyText(page.title, locale, keys) || String(page.name ?? '')}
                  {page.visibleIf ? <span className="dz-cond-mark" title={String(page.visibleIf)}> ⤷</span> : null}
                </button>
                {pageSelected && canEdit ? (
                  <span className="dz-outline__actions">
                    <button type="button" className="dz-icon" aria-label={dt(locale, 'outline.pageUp')} disabled={p === 0} onClick={() => onChange(movePage(json, p, p - 1), { kind: 'page', index: p - 1 })}>↑</button>
                    <button type="button" className="dz-icon" aria-label={dt(locale, 'outline.pageDown')} disabled={p === pages.length - 1} onClick={() => onChange(movePage(json, p, p + 1), { kind: 'page', index: p + 1 })}>↓</button>
                    <button type="button" className="dz-icon dz-icon--danger" aria-label={dt(locale, 'outline.deletePage')} onClick={() => removePage(p)}>×</button>
                  </span>
                ) : null}
              </div>
              <ol className="dz-outline__questions">
                {elementsOf(page).map((q, i) => {
                  const name = String(q.name ?? '');
                  const selected = name === selectedName;
                  const type = String(q.type ?? '');
                  return (
                    <li
                      key={`${name}-${i}`}
                      className={`dz-outline__question ${selected ? 'is-selected' : ''} ${drop && drop.page === p && drop.index === i ? 'drop-before' : ''} ${drop && drop.page === p && drop.index === i + 1 && i === elementsOf(page).length - 1 ? 'drop-after' : ''}`}
                      draggable={canEdit}
                      data-name={name}
                      onDragStart={(e) => {
                        e.dataTransfer.setData('text/plain', name);
                        e.dataTransfer.effectAllowed = 'move';
                        setDragging(name);
                      }}
                      onDragEnd={() => {
                        setDragging(null);
                        setDrop(null);
                      }}
                      onDragOver={(e) => overQuestion(e, p, i)}
                      onDrop={finish}
                    >
                      <button type="button" className="dz-outline__question-button" aria-current={selected || undefined} onClick={() => onSelect({ kind: 'question', name })}>
                        <span className="dz-outline__name">{name}</span>
                        <span className="dz-outline__type">{isEditableType(type) ? dt(locale, `type.${type}` as DesignerKey) : type}</span>
                        {q.visibleIf ? <span className="dz-cond-mark" title={String(q.visibleIf)}>⤷</span> : null}
                        <span className="dz-outline__text">{anyText(q.title, locale, keys)}</span>
                      </button>
                      {selected && canEdit ? (
                        <span className="dz-outline__actions">
                          <button type="button" className="dz-icon" aria-label={dt(locale, 'outline.up')} onClick={() => onChange(moveQuestionBy(json, name, -1))}>↑</button>
                          <button type="button" className="dz-icon" aria-label={dt(locale, 'outline.down')} onClick={() => onChange(moveQuestionBy(json, name, 1))}>↓</button>
                          <button type="button" className="dz-icon dz-icon--text" aria-label={dt(locale, 'outline.duplicate')} onClick={() => {
                            const copy = duplicateQuestion(json, name);
                            onChange(copy.json, { kind: 'question', name: copy.name });
                          }}>{dt(locale, 'outline.duplicateShort')}</button>
                          <button type="button" className="dz-icon dz-icon--danger" aria-label={dt(locale, 'outline.delete')} onClick={() => onChange(deleteQuestion(json, name), { kind: 'page', index: p })}>×</button>
                        </span>
                      ) : null}
                    </li>
                  );
                })}
                {elementsOf(page).length === 0 ? <li className={`dz-outline__empty ${drop?.page === p ? 'drop-before' : ''}`}>{dt(locale, 'outline.emptyPage')}</li> : null}
              </ol>
            </li>
          );
        })}
      </ol>
      {canEdit ? (
        <div className="dz-outline__add">
          <label htmlFor={`${id}-type`}>{dt(locale, 'outline.newType')}</label>
          <div className="dz-row">
            <select id={`${id}-type`} value={newType} onChange={(e) => setNewType(e.target.value as QuestionType)}>
              {QUESTION_TYPES.map((t) => (
                <option key={t} value={t}>{dt(locale, `type.${t}`)}</option>
              ))}
            </select>
            <button type="button" className="dz-button dz-button--small" onClick={addQuestion}>{dt(locale, 'outline.addQuestion')}</button>
          </div>
          <button type="button" className="dz-button dz-button--small" onClick={() => {
            const added = addPage(json, selection.kind === 'page' ? selection.index : pages.length - 1);
            onChange(added.json, { kind: 'page', index: pagesOf(added.json).findIndex((pg) => pg.name === added.name) });
          }}>{dt(locale, 'outline.addPage')}</button>
        </div>
      ) : null}
    </nav>
  );
}
