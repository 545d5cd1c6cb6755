// The one way the staff pages call the server: JSON in and out, the session cookie, problem+json turned
// into an ApiError the screens can show. A 401 tells the shell to show the login page again.

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** The shell listens: any 401 means the session ended (idle expiry, logout elsewhere). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const TIMEOUT_MS = 60_000;

function pageLanguage(): string {
  return document.documentElement.lang === 'en' ? 'en' : 'vi';
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        // Server messages (422/409 details, validation problems) follow the language chosen on the page.
        'accept-language': pageLanguage(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', detail: 'Không kết nối được máy chủ. / Cannot reach the server.' });
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    if (response.status === 401 && !path.startsWith('/auth/login')) unauthorizedListeners.forEach((l) => l());
    throw new ApiError({ ...problem, status: response.status, code: problem.code ?? `http.${response.status}` });
  }
  return parsed as T;
}
