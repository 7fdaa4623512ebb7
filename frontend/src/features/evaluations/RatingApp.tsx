/** The entry of the public rating page: mounted by main.tsx for `/rate/<token>`, without the app shell. */
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { RatingPage } from './RatingPage';

/** The token of a `/rate/<token>` path, or null for any other path. */
export function ratingToken(pathname: string): string | null {
  const match = /^\/rate\/([A-Za-z0-9_-]{16,64})\/?$/.exec(pathname);
  return match?.[1] ?? null;
}

export function renderRating(root: Root, token: string): void {
  root.render(
    <StrictMode>
      <RatingPage token={token} />
    </StrictMode>,
  );
}
