import { useSyncExternalStore } from 'react';

/** True while the CSS media query matches; follows window resizes. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => true,
  );
}

/** Desktop layout from antd's `lg` breakpoint up; below it, the phone layout. */
export function useIsDesktop(): boolean {
  return useMediaQuery('(min-width: 992px)');
}
