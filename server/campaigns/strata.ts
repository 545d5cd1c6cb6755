// Strata: which cell of the campaign's design (e.g. district × respondent group) a response falls in,
// and the counters that track each cell's progress as responses arrive.
import type { Types } from 'mongoose';
import { StratumCount } from './model.ts';

export interface Stratum {
  attributes: Record<string, string>;
  /** Canonical cell key, variables in the campaign's order: "district=hai-chau|group=residents". */
  key: string;
}

export function stratumOf(answers: Record<string, unknown>, variables: string[]): Stratum {
  const attributes: Record<string, string> = {};
  for (const v of variables) {
    const value = answers[v];
    if (value !== undefined && value !== null) attributes[v] = String(value);
  }
  const key = variables.map((v) => `${v}=${attributes[v] ?? ''}`).join('|');
  return { attributes, key };
}

export function cellKey(key: Record<string, unknown>, variables: string[]): string {
  return variables.map((v) => `${v}=${key[v] ?? ''}`).join('|');
}

export async function completedIn(campaign: Types.ObjectId, key: string): Promise<number> {
  const row = await StratumCount.findOne({ campaign, key }, { completed: 1 }).lean();
  return row?.completed ?? 0;
}

/** Counts one more completed response in the cell and returns the cell's new count. */
export async function countCompleted(campaign: Types.ObjectId, key: string): Promise<number> {
  const row = await StratumCount.findOneAndUpdate(
    { campaign, key },
    { $inc: { completed: 1 } },
    { upsert: true, returnDocument: 'after', projection: { completed: 1 } },
  ).lean();
  return row?.completed ?? 1;
}
