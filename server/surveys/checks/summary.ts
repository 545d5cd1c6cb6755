// What publishing the draft changes against the latest published version, question by question,
// as the designer confirms it before publishing.
import type { TChangeSummary } from '../../contract/staff';
import { canonicalJson, type Json } from './json';
import { listElements, pagesOf } from './walk';

/** Questions by name (panel-dynamic template questions travel with their panel-dynamic question). */
function questionsByName(json: Json | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const e of listElements(json)) {
    if (e.kind === 'question' && e.scope === 'survey' && typeof e.node.name === 'string' && !out.has(e.node.name)) {
      out.set(e.node.name, e.node);
    }
  }
  return out;
}

export function summarizeChanges(previous: Record<string, unknown> | undefined, next: Record<string, unknown>, previousVersion: number): TChangeSummary {
  const before = questionsByName(previous);
  const after = questionsByName(next);
  const added = [...after.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !after.has(n));
  const changed = [...after.keys()].filter((n) => before.has(n) && canonicalJson(before.get(n)) !== canonicalJson(after.get(n)));
  return {
    previousVersion,
    added,
    removed,
    changed,
    pages: { before: previous ? pagesOf(previous).length : 0, after: pagesOf(next).length },
  };
}
