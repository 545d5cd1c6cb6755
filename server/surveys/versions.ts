// Published versions, loaded once per process and compiled into a validator. A cache any instance can
// rebuild: versions are immutable, so it never goes stale.
import { createHash } from 'node:crypto';
import { compileValidator, type CompiledValidator } from '../responses/validator/index.ts';
import { SurveyVersion } from './model.ts';

export interface LoadedVersion {
  id: string;
  number: number;
  json: Record<string, unknown>;
  validator: CompiledValidator;
}

const cache = new Map<string, Promise<LoadedVersion | null>>();

export function loadVersion(versionId: string): Promise<LoadedVersion | null> {
  let hit = cache.get(versionId);
  if (!hit) {
    hit = SurveyVersion.findById(versionId)
      .lean()
      .then((v) =>
        v ? { id: String(v._id), number: v.number, json: v.json, validator: compileValidator(v.json) } : null,
      );
    hit.catch(() => cache.delete(versionId));
    cache.set(versionId, hit);
  }
  return hit;
}

/** Key order does not change a questionnaire, so the hash is over JSON with sorted keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashSurveyJson(json: unknown): string {
  return createHash('sha256').update(canonicalJson(json)).digest('hex');
}
