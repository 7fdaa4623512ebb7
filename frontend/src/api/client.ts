/**
 * The one HTTP client of the SPA: typed by the generated schema, it adds the access token,
 * refreshes it before it lapses, retries once after a 401, and sends the user to the login
 * page (with the way back) when the session cannot be saved.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, NetworkError, toApiError } from './problem';
import type { paths } from './schema';
import {
  clearSession,
  expiresSoon,
  readSession,
  saveSession,
  onSessionChange,
  sessionFromTokens,
} from './session';

const AUTH_PATHS = new Set(['/api/v1/auth/token', '/api/v1/auth/refresh', '/api/v1/auth/logout']);
/** Refresh this long before the access token lapses. */
export const REFRESH_MARGIN_MS = 60_000;

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://127.0.0.1' : window.location.origin,
  // Looked up on each call, so that tests can replace the global fetch.
  fetch: (request) => globalThis.fetch(request),
});

let unauthenticatedHandler: () => void = () => {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
};

/** The app replaces the full-page redirect with a router navigation. */
export function setUnauthenticatedHandler(handler: () => void): void {
  unauthenticatedHandler = handler;
}

let refreshing: Promise<boolean> | null = null;

async function exchangeRefreshToken(): Promise<boolean> {
  const before = readSession();
  if (before === null) return false;
  const { data, response } = await api.POST('/api/v1/auth/refresh', {
    body: { refresh_token: before.refreshToken },
  });
  if (data !== undefined) {
    saveSession(sessionFromTokens(data));
    return true;
  }
  const now = readSession();
  // Another tab rotated the token meanwhile: its new session is as good as ours.
  if (now !== null && now.refreshToken !== before.refreshToken) return true;
  if (response.status === 401 || response.status === 400 || response.status === 422) clearSession();
  return false;
}

/**
 * Runs the exchange under a lock shared by every tab of this origin: refresh tokens rotate,
 * and the server ends the whole session when a spent one comes back, so two tabs must never
 * spend the same token. A tab that waited finds the session another tab already rotated.
 */
async function exchangeAcrossTabs(): Promise<boolean> {
  const seen = readSession()?.refreshToken;
  if (typeof navigator === 'undefined' || navigator.locks === undefined) {
    return exchangeRefreshToken();
  }
  return navigator.locks.request('grassroots.refresh', async () => {
    const current = readSession();
    if (current !== null && current.refreshToken !== seen) return true;
    return exchangeRefreshToken();
  });
}

/** Exchanges the refresh token for a new pair; concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= exchangeAcrossTabs()
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function withToken(request: Request, token: string): Request {
  const authorized = new Request(request);
  authorized.headers.set('Authorization', `Bearer ${token}`);
  return authorized;
}

const pending = new Map<string, Request>();

/** The `code` of a problem response, read from a copy so that the caller still reads the body. */
async function problemCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.clone().json();
    return typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : null;
  } catch {
    return null;
  }
}

const authMiddleware: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (AUTH_PATHS.has(schemaPath)) return request;
    let session = readSession();
    if (session !== null && expiresSoon(session, 5_000)) {
      await refreshSession();
      session = readSession();
    }
    if (session === null) return request;
    const authorized = withToken(request, session.accessToken);
    pending.set(id, authorized.clone());
    return authorized;
  },
  async onResponse({ response, schemaPath, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || AUTH_PATHS.has(schemaPath)) return response;
    // An ended session (signed out, new password, ended elsewhere) cannot be refreshed: its
    // refresh token went with it. Straight to the login page, as when a refresh is refused.
    const ended = (await problemCode(response)) === 'session_ended';
    if (!ended && original !== undefined && (await refreshSession())) {
      const session = readSession();
      if (session !== null) return globalThis.fetch(withToken(original, session.accessToken));
    }
    clearSession();
    unauthenticatedHandler();
    return response;
  },
  onError({ id }) {
    pending.delete(id);
  },
};

api.use(authMiddleware);

interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function settle<T>(call: Promise<CallResult<T>>): Promise<CallResult<T>> {
  try {
    return await call;
  } catch (error) {
    throw new NetworkError(error);
  }
}

/** The body of a successful call; any other outcome becomes an ApiError or a NetworkError. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await settle(call);
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}

/** Like `unwrap`, with the `ETag` that a later `If-Match` must carry. */
export async function unwrapWithEtag<T>(call: Promise<CallResult<T>>): Promise<{ data: T; etag: string | null }> {
  const { data, error, response } = await settle(call);
  if (!response.ok) throw toApiError(error, response);
  return { data: data as T, etag: response.headers.get('ETag') };
}

/** The `If-Match` value for a resource at `version`. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

/** A fresh `Idempotency-Key`: one per user action, reused only when that action is retried. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export { ApiError, NetworkError };

/**
 * Keeps the access token fresh while the app is open: refreshes `REFRESH_MARGIN_MS` before
 * it lapses, and again when a sleeping tab wakes up. Returns the function that stops it.
 */
export function startBackgroundRefresh(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const session = readSession();
    if (session === null) return;
    const wait = Math.max(0, session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    timer = setTimeout(() => {
      void refreshSession().then(schedule);
    }, wait);
  };
  const onVisible = () => {
    const session = readSession();
    if (document.visibilityState === 'visible' && session !== null && expiresSoon(session, REFRESH_MARGIN_MS)) {
      void refreshSession().then(schedule);
    }
  };
  const stopListening = onSessionChange(schedule);
  document.addEventListener('visibilitychange', onVisible);
  schedule();
  return () => {
    clearTimeout(timer);
    stopListening();
    document.removeEventListener('visibilitychange', onVisible);
  };
}
