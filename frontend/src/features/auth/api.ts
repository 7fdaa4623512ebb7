/** Signing in and out against `/api/v1/auth`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { clearSession, readSession, saveSession, sessionFromTokens } from '../../api/session';

export async function signIn(username: string, password: string): Promise<void> {
  const tokens = await unwrap(
    api.POST('/api/v1/auth/token', {
      body: { username, password },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
  saveSession(sessionFromTokens(tokens));
}

/** Revokes the refresh token on the server (best effort) and forgets the session here. */
export async function signOut(): Promise<void> {
  const session = readSession();
  clearSession();
  if (session === null) return;
  try {
    await api.POST('/api/v1/auth/logout', { body: { refresh_token: session.refreshToken } });
  } catch {
    // Offline: the refresh token lapses on its own; this device has forgotten it already.
  }
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => signIn(username, password),
    onSuccess: () => queryClient.clear(),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => queryClient.clear(),
  });
}
