import { StrictMode, useEffect } from 'react';
import type { Root } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler, startBackgroundRefresh } from '../api/client';
import { Providers } from './Providers';
import './shell.css';
import { loginPathFor, router } from './router';

export function AppRoot() {
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      const { pathname, search } = router.state.location;
      if (pathname !== '/login') void router.navigate(loginPathFor(pathname + search), { replace: true });
    });
    return startBackgroundRefresh();
  }, []);
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}

/** Mounts the whole app (main.tsx loads this module for every path but the public rating page). */
export function renderApp(root: Root): void {
  root.render(
    <StrictMode>
      <AppRoot />
    </StrictMode>,
  );
}
