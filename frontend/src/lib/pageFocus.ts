import { useEffect } from 'react';

/**
 * The document title and the focus after navigating, shared by the app shell and PageHeader.
 *
 * Every route's page names itself in its one `h1` (PageHeader); the title of the browser tab is
 * that name followed by the app's, so that each route has its own title. After the reader moves
 * to another page (not on the first load, where the browser starts at the top by itself), focus
 * goes to the new page's h1, so that a screen reader announces it and Tab continues from there.
 */

let appTitle = '';
let pageTitle: string | null = null;
let separator = ' - ';
let focusPending = false;

function write(): void {
  document.title = pageTitle ? `${pageTitle}${separator}${appTitle}` : appTitle;
}

/** The app's own name in the reader's language (I18nProvider). */
export function setAppTitle(title: string, titleSeparator = ' - '): void {
  appTitle = title;
  separator = titleSeparator;
  write();
}

/** The current page's name (its h1), or null when the page is left. */
export function setPageTitle(title: string | null): void {
  pageTitle = title && title.trim() ? title.trim() : null;
  write();
}

/** Called by the shell when the route changes: the next heading to mount takes the focus. */
export function requestHeadingFocus(): void {
  focusPending = true;
}

/** Moves focus to the heading if a navigation asked for it; true when it did. */
export function takeHeadingFocus(heading: HTMLElement | null): boolean {
  if (!focusPending || heading === null) return false;
  focusPending = false;
  heading.focus({ preventScroll: false });
  return true;
}

/** Names the browser tab for a page without a PageHeader (the login page). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    setPageTitle(title);
    return () => setPageTitle(null);
  }, [title]);
}
