// The phone's outbox: every completed response waits here (IndexedDB, through idb) until the server
// acknowledges it, so a response finished offline survives closing the tab, restarting the phone or a
// lost reply. Entries are keyed by submission id, the server's idempotency key: whatever is sent twice
// is stored once. Where IndexedDB is unavailable (some private modes) the outbox lives in memory and the
// draft in localStorage (storage.ts) is what brings an unsent response back.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TAnswerError, TSubmission } from '../../../server/contract/public';

export type OutboxState = 'pending' | 'sent' | 'rejected';

export interface OutboxEntry {
  submissionId: string;
  slug: string;
  token?: string;
  /** The body of the POST, exactly as it will be sent every time. */
  submission: TSubmission;
  /** The campaign's title, to list the entry in words. */
  title?: string;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  lastTriedAt?: string;
  /** Why the last attempt failed while the entry is still pending: no connection, or the server had trouble. */
  lastFailure?: 'network' | 'server';
  /** Set once sent. */
  responseId?: string;
  sentAt?: string;
  /** Why the server refused it (rejected entries stay until the respondent dismisses them). */
  problem?: { status: number; code?: string; detail?: string; errors?: TAnswerError[] };
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
}

let db: Promise<IDBPDatabase<OutboxDb> | undefined> | undefined;
const memory = new Map<string, OutboxEntry>();

function open(): Promise<IDBPDatabase<OutboxDb> | undefined> {
  db ??= openDB<OutboxDb>('khaosat', 1, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'submissionId' });
    },
  }).catch(() => undefined);
  return db;
}

export async function getEntry(submissionId: string): Promise<OutboxEntry | undefined> {
  const database = await open();
  if (!database) return memory.get(submissionId);
  return database.get('outbox', submissionId).catch(() => memory.get(submissionId));
}

export async function putEntry(entry: OutboxEntry): Promise<void> {
  memory.set(entry.submissionId, entry);
  const database = await open();
  await database?.put('outbox', entry).catch(() => undefined);
}

export async function deleteEntry(submissionId: string): Promise<void> {
  memory.delete(submissionId);
  const database = await open();
  await database?.delete('outbox', submissionId).catch(() => undefined);
}

export async function allEntries(): Promise<OutboxEntry[]> {
  const database = await open();
  const stored = database ? await database.getAll('outbox').catch(() => [] as OutboxEntry[]) : [];
  const byId = new Map(stored.map((entry) => [entry.submissionId, entry]));
  for (const [id, entry] of memory) if (!byId.has(id)) byId.set(id, entry);
  return [...byId.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}
