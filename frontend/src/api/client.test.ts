import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockServer, problem } from '../test/fetchMock';
import { api, refreshSession, setUnauthenticatedHandler, unwrap } from './client';
import { ApiError } from './problem';
import { readSession, saveSession } from './session';

function signedIn(accessToken = 'old-access', expiresInMs = 10 * 60_000) {
  saveSession({ accessToken, refreshToken: 'refresh-1', expiresAt: Date.now() + expiresInMs });
}

const tokens = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n + 1}`, token_type: 'bearer', expires_in: 900 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('sends the access token', async () => {
    signedIn();
    const { requests } = mockServer({ 'GET /api/v1/meta/enums': () => json({}) });
    await unwrap(api.GET('/api/v1/meta/enums'));
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer old-access');
  });

  it('after a 401 refreshes once, stores the rotated tokens and retries the call', async () => {
    signedIn();
    const { requests } = mockServer({
      'GET /api/v1/me': ({ headers }) =>
        headers.get('Authorization') === 'Bearer access-2' ? json({ id: 'me' }) : problem(401, 'token_expired'),
      'POST /api/v1/auth/refresh': () => json(tokens(2)),
    });
    await expect(unwrap(api.GET('/api/v1/me'))).resolves.toEqual({ id: 'me' });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v1/me',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/me',
    ]);
    expect(requests[1]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(readSession()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-3' });
  });

  it('refreshes before sending when the access token has lapsed', async () => {
    signedIn('lapsed', -1000);
    const { requests } = mockServer({
      'POST /api/v1/auth/refresh': () => json(tokens(7)),
      'GET /api/v1/meta/enums': () => json({}),
    });
    await unwrap(api.GET('/api/v1/meta/enums'));
    expect(requests.map((request) => request.path)).toEqual(['/api/v1/auth/refresh', '/api/v1/meta/enums']);
    expect(requests[1]?.headers.get('Authorization')).toBe('Bearer access-7');
  });

  it('shares one refresh between concurrent callers (the refresh token is single-use)', async () => {
    signedIn();
    const { requests } = mockServer({ 'POST /api/v1/auth/refresh': () => json(tokens(2)) });
    await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect(requests.filter((request) => request.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('forgets the session and sends the user to log in when the refresh is refused', async () => {
    signedIn();
    const toLogin = vi.fn();
    setUnauthenticatedHandler(toLogin);
    mockServer({
      'GET /api/v1/me': () => problem(401, 'token_expired'),
      'POST /api/v1/auth/refresh': () => problem(401, 'invalid_refresh_token'),
    });
    const failure = await unwrap(api.GET('/api/v1/me')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: 'token_expired' });
    expect(readSession()).toBeNull();
    expect(toLogin).toHaveBeenCalledTimes(1);
  });

  it('on an ended session goes straight to the login page: no refresh is tried, the session is forgotten', async () => {
    signedIn();
    const toLogin = vi.fn();
    setUnauthenticatedHandler(toLogin);
    const { requests } = mockServer({
      'GET /api/v1/me': () => problem(401, 'session_ended'),
      'POST /api/v1/auth/refresh': () => json(tokens(2)),
    });
    const failure = await unwrap(api.GET('/api/v1/me')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 401, code: 'session_ended' });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /api/v1/me']);
    expect(readSession()).toBeNull();
    expect(toLogin).toHaveBeenCalledTimes(1);
  });

  it('turns a problem into a typed error with its fields and the current version', async () => {
    mockServer({
      'DELETE /api/v1/organizations/00000000-0000-4000-8000-000000000001': () =>
        problem(412, 'precondition_failed', { current_version: 9 }),
    });
    const failure = await unwrap(
      api.DELETE('/api/v1/organizations/{organization_id}', {
        params: { path: { organization_id: '00000000-0000-4000-8000-000000000001' }, header: { 'If-Match': '"8"' } },
      }),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 412, code: 'precondition_failed', currentVersion: 9 });
  });
});
