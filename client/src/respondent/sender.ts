// Sends the outbox: when a response is completed, when the page loads, when the phone comes back online,
// on a timer that backs off while the server stays out of reach, and when the respondent presses
// "Gửi ngay". Only one request per response is ever in flight, and each carries the response's own
// submission id, so however many of these fire, the server stores the response once.
import { submitResponse, type SubmitOutcome } from './api';
import { allEntries, deleteEntry, getEntry, putEntry, type OutboxEntry } from './outbox';
import { clearDraft, loadDraft, saveReceipt } from './storage';

type Listener = (entry: OutboxEntry, outcome: SubmitOutcome | undefined) => void;

const listeners = new Set<Listener>();
const inFlight = new Map<string, Promise<OutboxEntry | undefined>>();
const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 10 * 60_000;
/** Sent entries are kept a while for the record, then forgotten. */
const KEEP_SENT_MS = 30 * 24 * 3600_000;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let started = false;

/** Calls `listener` whenever an entry changes (queued, sent, refused, failed again). */
export function onOutboxChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(entry: OutboxEntry, outcome?: SubmitOutcome) {
  for (const listener of listeners) listener(entry, outcome);
}

export const isSending = (submissionId: string) => inFlight.has(submissionId);

/** Puts a completed response in the outbox (replacing an earlier attempt with the same submission id). */
export async function queueResponse(entry: Pick<OutboxEntry, 'submissionId' | 'slug' | 'token' | 'submission' | 'title'>): Promise<OutboxEntry> {
  const previous = await getEntry(entry.submissionId);
  const queued: OutboxEntry = {
    ...entry,
    queuedAt: previous?.queuedAt ?? new Date().toISOString(),
    state: 'pending',
    attempts: previous?.attempts ?? 0,
  };
  await putEntry(queued);
  notify(queued);
  return queued;
}

/** Takes a pending or refused response back out of the outbox (the respondent goes back to change it). */
export async function withdrawResponse(submissionId: string): Promise<void> {
  if (inFlight.has(submissionId)) await inFlight.get(submissionId);
  const entry = await getEntry(submissionId);
  if (entry && entry.state !== 'sent') await deleteEntry(submissionId);
}

/** Sends one response now, unless it is already on its way (then waits for that attempt). */
export function sendResponse(submissionId: string): Promise<OutboxEntry | undefined> {
  let attempt = inFlight.get(submissionId);
  if (!attempt) {
    attempt = attemptOnce(submissionId).finally(() => inFlight.delete(submissionId));
    inFlight.set(submissionId, attempt);
  }
  return attempt;
}

async function attemptOnce(submissionId: string): Promise<OutboxEntry | undefined> {
  const entry = await getEntry(submissionId);
  if (!entry || entry.state !== 'pending') return entry;
  const outcome = await submitResponse(entry.slug, entry.submission);
  const now = new Date().toISOString();
  const tried = { ...entry, attempts: entry.attempts + 1, lastTriedAt: now };
  let next: OutboxEntry;
  switch (outcome.kind) {
    case 'stored': {
      next = { ...tried, state: 'sent', responseId: outcome.id, sentAt: now, lastFailure: undefined, problem: undefined };
      const link = { slug: entry.slug, token: entry.token };
      saveReceipt(link, { id: outcome.id, submissionId, sentAt: now });
      if (loadDraft(link)?.submissionId === submissionId) clearDraft(link);
      failures = 0;
      break;
    }
    case 'network':
    case 'server':
      next = { ...tried, lastFailure: outcome.kind };
      failures += 1;
      scheduleRetry();
      break;
    case 'invalid':
      next = { ...tried, state: 'rejected', problem: { status: 422, detail: outcome.detail, errors: outcome.errors } };
      break;
    case 'notFound':
      next = { ...tried, state: 'rejected', problem: { status: 404 } };
      break;
    case 'closed':
    case 'rejected':
      next = { ...tried, state: 'rejected', problem: { status: outcome.status, code: outcome.code, detail: outcome.detail } };
      break;
  }
  // A response withdrawn while its request was on the way is not put back; one that arrived is recorded.
  if (outcome.kind === 'stored' || (await getEntry(submissionId))) await putEntry(next);
  notify(next, outcome);
  return next;
}

/** Sends every pending response, one after the other. */
export async function sendAll(): Promise<void> {
  const pending = (await allEntries()).filter((entry) => entry.state === 'pending');
  for (const entry of pending) await sendResponse(entry.submissionId);
}

function scheduleRetry() {
  if (timer) clearTimeout(timer);
  const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  timer = setTimeout(() => {
    timer = undefined;
    void sendAll();
  }, delay);
}

/** Once per page: send what waits, and again whenever the connection returns. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    failures = 0;
    void sendAll();
  });
  void (async () => {
    const entries = await allEntries();
    const old = Date.now() - KEEP_SENT_MS;
    await Promise.all(entries.filter((e) => e.state === 'sent' && Date.parse(e.sentAt ?? '') < old).map((e) => deleteEntry(e.submissionId)));
    await sendAll();
  })();
}
