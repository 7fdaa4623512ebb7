import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { makeMe } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { RequireAuth } from './RequireAuth';

describe('a page that needs a session', () => {
  it('sends someone not signed in to the login page without asking the server who they are', async () => {
    const { requests } = mockServer({ 'GET /api/v1/me': () => json(makeMe()) });
    renderWithApp(
      <RequireAuth>
        <div>inside</div>
      </RequireAuth>,
      { path: '/members', route: '/members' },
    );
    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.filter((request) => request.path === '/api/v1/me')).toEqual([]);
  });

  it('asks who the signed-in user is, and shows the page', async () => {
    saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
    const { requests } = mockServer({ 'GET /api/v1/me': () => json(makeMe()) });
    renderWithApp(
      <RequireAuth>
        <div>inside</div>
      </RequireAuth>,
      { path: '/members', route: '/members' },
    );
    expect(await screen.findByText('inside')).toBeInTheDocument();
    await waitFor(() => expect(requests.filter((request) => request.path === '/api/v1/me')).toHaveLength(1));
  });
});
