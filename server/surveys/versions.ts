// Published versions, loaded once per process and compiled into a validator. A cache any instance can
// rebuild: versions are immutable, so it never goes stale.
import { createHash } from 'node:crypto';
import { compileValidator, type CompiledValidator } from '../responses/validator/index.ts';
import { SurveyVersion } from './model.ts';
import { canonicalJson } from './checks/json.ts';

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

/** The hash is over JSON with sorted keys: key order does not change a questionnaire. */
export function hashSurveyJson(json: unknown): string {
  return createHash('sha256').update(canonicalJson(json)).digest('hex');
}
