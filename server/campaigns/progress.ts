// A campaign's progress for the cockpit: per-cell counters (kept on submission, never a scan of the
// responses) turned into pace and projections by analysis/progress.ts. District-limited fieldwork users
// see only their districts' cells.
import { computeProgress } from '../../analysis/progress.ts';
import { assertRole } from '../auth/index.ts';
import type { TProgress } from '../contract/staff.ts';
import { valueLists } from '../surveys/checks/choices.ts';
import { defaultLocale, textIn } from '../surveys/checks/locales.ts';
import { listElements } from '../surveys/checks/walk.ts';
import type { Actor } from '../surveys/service.ts';
import { StratumCount } from './model.ts';
import { findCampaign, findCampaignVersion } from './service.ts';
import { effectiveStatus } from './status.ts';
import { cellKey } from './strata.ts';

type ChoiceTexts = Map<string, Map<string, string>>;
/** Per version and strata variables: versions never change, so the walk over the JSON is done once. */
const textsCache = new Map<string, ChoiceTexts>();

/** variable → value → Vietnamese text of that choice. */
function choiceTexts(versionId: string, json: Record<string, unknown>, variables: string[]): ChoiceTexts {
  const key = `${versionId}|${variables.join(',')}`;
  const hit = textsCache.get(key);
  if (hit) return hit;
  const lang = defaultLocale(json);
  const out = new Map<string, Map<string, string>>();
  for (const e of listElements(json)) {
    if (e.kind !== 'question' || !variables.includes(String(e.node.name))) continue;
    const choices = valueLists(e.node, e.path).find((l) => l.kind === 'choices');
    out.set(String(e.node.name), new Map((choices?.items ?? []).map((c) => [String(c.value), textIn(c.text, 'vi', lang) || String(c.value)])));
  }
  textsCache.set(key, out);
  return out;
}

export async function campaignProgress(actor: Actor, slug: string, now = new Date()): Promise<TProgress> {
  assertRole(actor.staff, 'fieldwork', 'designer', 'analyst', 'viewer');
  const campaign = await findCampaign(slug);
  const variables = campaign.strata?.variables ?? [];
  const scoped = !actor.staff.roles.includes('admin') && actor.staff.districts.length > 0;
  const cells = (campaign.strata?.cells ?? []).filter(
    (c) => !scoped || actor.staff.districts.includes((c.key as Record<string, string>).district),
  );
  const counts = new Map(
    (await StratumCount.find({ campaign: campaign._id }).lean()).map((c) => [c.key, c]),
  );
  const version = await findCampaignVersion(campaign);
  const texts = choiceTexts(version.id, version.json, variables);
  // A campaign without strata is one cell with no quota: its key is ''.
  const design = variables.length ? cells.map((c) => ({ key: c.key as Record<string, string>, quota: c.quota })) : [{ key: {}, quota: 0 }];
  const input = design.map((c) => {
    const k = cellKey(c.key, variables);
    const count = counts.get(k);
    return {
      key: k,
      labels: Object.fromEntries(Object.entries(c.key).map(([v, value]) => [v, texts.get(v)?.get(value) ?? value])),
      quota: c.quota,
      completed: count?.completed ?? 0,
      partial: count?.partial ?? 0,
      daily: (count?.days ?? {}) as Record<string, number>,
    };
  });
  const p = computeProgress({ cells: input, opensAt: campaign.opensAt, closesAt: campaign.closesAt, now, timeZone: campaign.timezone ?? 'Asia/Ho_Chi_Minh' });
  return {
    ...p,
    slug,
    status: effectiveStatus(campaign, now),
    timezone: campaign.timezone ?? 'Asia/Ho_Chi_Minh',
    strata: variables.length
      ? p.strata.map((s, i) => ({ ...s, key: design[i].key, neededPerDay: Number.isFinite(s.neededPerDay) ? s.neededPerDay : null }))
      : [],
  };
}
