// The calls the respondent page makes, turned into outcomes the screens can show. Timeouts matter on
// weak mobile connections: a request that hangs must end as "network failure" with a retry button.
import type { TAnswerError, TPartial, TPublicCampaign, TSubmission } from '../../../server/contract/public';
import type { Link } from './storage';

const base = '/api/v1/public/campaigns';
const LOAD_TIMEOUT_MS = 30_000;
/** With a copy of the campaign on the phone, a slow connection is not worth waiting for as long. */
const LOAD_TIMEOUT_WITH_COPY_MS = 6_000;
const SUBMIT_TIMEOUT_MS = 45_000;
const PARTIAL_TIMEOUT_MS = 20_000;

/** Why an invitation link cannot be used (the server's codes). */
export type TokenProblem = 'token.invalid' | 'token.used' | 'token.revoked' | 'token.required';

export type LoadOutcome =
  | { kind: 'ok'; campaign: TPublicCampaign }
  | { kind: 'notFound' }
  | { kind: 'token'; code: TokenProblem; detail?: string }
  | { kind: 'network' }
  | { kind: 'http'; status: number };

export type SubmitOutcome =
  | { kind: 'stored'; id: string; submissionId: string }
  | { kind: 'invalid'; errors: TAnswerError[]; detail?: string }
  | { kind: 'closed'; status: number; code?: string; detail?: string }
  | { kind: 'notFound' }
  | { kind: 'network' }
  | { kind: 'server'; status: number }
  | { kind: 'rejected'; status: number; code?: string; detail?: string };

interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: TAnswerError[];
}

/** fetch with a deadline; any failure to get a response at all (offline, DNS, timeout) returns undefined. */
async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal, credentials: 'same-origin' });
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function body<T>(response: Response): Promise<T | undefined> {
  try {
    return (await response.json()) as T;
  } catch {
    return undefined;
  }
}

const isTokenProblem = (code: unknown): code is TokenProblem =>
  code === 'token.invalid' || code === 'token.used' || code === 'token.revoked' || code === 'token.required';

export async function loadCampaign(link: Link, haveCopy = false): Promise<LoadOutcome> {
  const query = link.token ? `?t=${encodeURIComponent(link.token)}` : '';
  const response = await request(
    `${base}/${encodeURIComponent(link.slug)}${query}`,
    { headers: { accept: 'application/json' } },
    haveCopy ? LOAD_TIMEOUT_WITH_COPY_MS : LOAD_TIMEOUT_MS,
  );
  if (!response) return { kind: 'network' };
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status === 403 || response.status === 409) {
    const problem = (await body<Problem>(response)) ?? {};
    if (isTokenProblem(problem.code)) return { kind: 'token', code: problem.code, detail: problem.detail };
  }
  if (!response.ok) return { kind: 'http', status: response.status };
  const campaign = await body<TPublicCampaign>(response);
  // A proxy's HTML error page or a cut-off body reads as a failed load, not as a broken questionnaire.
  return campaign?.survey ? { kind: 'ok', campaign } : { kind: 'network' };
}

export async function submitResponse(slug: string, submission: TSubmission): Promise<SubmitOutcome> {
  const response = await request(
    `${base}/${encodeURIComponent(slug)}/responses`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body: JSON.stringify(submission),
    },
    SUBMIT_TIMEOUT_MS,
  );
  if (!response) return { kind: 'network' };
  if (response.status === 200 || response.status === 201) {
    const ack = await body<{ id: string; submissionId: string }>(response);
    // Without a readable acknowledgement we cannot tell the respondent it arrived; retrying is harmless.
    return ack?.id ? { kind: 'stored', id: ack.id, submissionId: ack.submissionId } : { kind: 'network' };
  }
  const problem = (await body<Problem>(response)) ?? {};
  if (response.status === 422 && Array.isArray(problem.errors) && problem.errors.length) {
    return { kind: 'invalid', errors: problem.errors, detail: problem.detail };
  }
  if (response.status === 409) return { kind: 'closed', status: 409, code: problem.code, detail: problem.detail };
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    return { kind: 'server', status: response.status };
  }
  return { kind: 'rejected', status: response.status, code: problem.code, detail: problem.detail };
}

/**
 * Saves an invitation's answers so far on the server (so the respondent can go on from another phone).
 * `keepalive` lets the request outlive a closing tab. Never throws: the phone's own copy remains.
 */
export async function savePartial(slug: string, partial: TPartial, keepalive = false): Promise<boolean> {
  const response = await request(
    `${base}/${encodeURIComponent(slug)}/partial`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body: JSON.stringify(partial),
      keepalive,
    },
    PARTIAL_TIMEOUT_MS,
  );
  return response?.status === 204;
}
