// The two calls the respondent page makes, turned into outcomes the screens can show. Timeouts matter on
// weak mobile connections: a request that hangs must end as "network failure" with a retry button.
import type { TAnswerError, TPublicCampaign, TSubmission } from '../../../server/contract/public';

const base = '/api/v1/public/campaigns';
const LOAD_TIMEOUT_MS = 30_000;
const SUBMIT_TIMEOUT_MS = 45_000;

export type LoadOutcome =
  | { kind: 'ok'; campaign: TPublicCampaign }
  | { kind: 'notFound' }
  | { kind: 'network' }
  | { kind: 'http'; status: number };

export type SubmitOutcome =
  | { kind: 'stored'; id: string; submissionId: string }
  | { kind: 'invalid'; errors: TAnswerError[] }
  | { kind: 'closed'; detail?: string }
  | { kind: 'notFound' }
  | { kind: 'network' }
  | { kind: 'server'; status: number }
  | { kind: 'rejected'; status: number; detail?: string };

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

export async function loadCampaign(slug: string): Promise<LoadOutcome> {
  const response = await request(`${base}/${encodeURIComponent(slug)}`, { headers: { accept: 'application/json' } }, LOAD_TIMEOUT_MS);
  if (!response) return { kind: 'network' };
  if (response.status === 404) return { kind: 'notFound' };
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
  if (response.status === 422 && Array.isArray(problem.errors)) return { kind: 'invalid', errors: problem.errors };
  if (response.status === 409) return { kind: 'closed', detail: problem.detail };
  if (response.status === 404) return { kind: 'notFound' };
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    return { kind: 'server', status: response.status };
  }
  return { kind: 'rejected', status: response.status, detail: problem.detail };
}
