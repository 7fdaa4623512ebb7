import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { useCursorPages, type CursorPage } from './paging';

const PAGES: Record<string, CursorPage<string>> = {
  first: { items: ['a', 'b'], next_cursor: 'c2', total: 5 },
  c2: { items: ['c', 'd'], next_cursor: 'c3' },
  c3: { items: ['e'], next_cursor: null },
};

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useCursorPages', () => {
  it('follows next_cursor forward and its own stack of cursors back', async () => {
    const fetchPage = vi.fn((cursor: string | null) => Promise.resolve(PAGES[cursor ?? 'first'] as CursorPage<string>));
    const { result } = renderHook(() => useCursorPages(['letters'], fetchPage), { wrapper });
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current).toMatchObject({ pageNumber: 1, hasPrevious: false, hasNext: true, total: 5 });

    act(() => result.current.next());
    await waitFor(() => expect(result.current.items).toEqual(['c', 'd']));
    act(() => result.current.next());
    await waitFor(() => expect(result.current.items).toEqual(['e']));
    expect(result.current).toMatchObject({ pageNumber: 3, hasNext: false, hasPrevious: true });
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([null, 'c2', 'c3']);

    // Going back shows the page read before at once, from the cache.
    act(() => result.current.previous());
    expect(result.current.items).toEqual(['c', 'd']);
    expect(result.current.pageNumber).toBe(2);
  });

  it('starts again from the first page when the server no longer takes a cursor (invalid_cursor)', async () => {
    let stale = false;
    const fetchPage = vi.fn((cursor: string | null) =>
      cursor !== null && stale
        ? Promise.reject(new ApiError({ status: 400, code: 'invalid_cursor' }))
        : Promise.resolve(PAGES[cursor ?? 'first'] as CursorPage<string>),
    );
    const { result } = renderHook(() => useCursorPages(['letters', 'stale'], fetchPage), { wrapper });
    await waitFor(() => expect(result.current.hasNext).toBe(true));
    stale = true;
    act(() => result.current.next());
    await waitFor(() => expect(fetchPage).toHaveBeenCalledWith('c2'));
    await waitFor(() => expect(result.current.pageNumber).toBe(1));
    expect(result.current.items).toEqual(['a', 'b']);
    expect(result.current.error).toBeNull();
  });

  it('starts again from the first page when the filters change', async () => {
    const fetchPage = vi.fn((cursor: string | null) => Promise.resolve(PAGES[cursor ?? 'first'] as CursorPage<string>));
    const { result, rerender } = renderHook(({ q }) => useCursorPages(['letters', { q }], fetchPage), {
      wrapper,
      initialProps: { q: '' },
    });
    await waitFor(() => expect(result.current.hasNext).toBe(true));
    act(() => result.current.next());
    await waitFor(() => expect(result.current.pageNumber).toBe(2));
    rerender({ q: 'x' });
    expect(result.current.pageNumber).toBe(1);
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(fetchPage).toHaveBeenLastCalledWith(null);
  });

  it('offers no next page while the next one is still a placeholder', async () => {
    let release: (page: CursorPage<string>) => void = () => undefined;
    const fetchPage = vi.fn((cursor: string | null) =>
      cursor === null ? Promise.resolve(PAGES.first as CursorPage<string>) : new Promise<CursorPage<string>>((resolve) => (release = resolve)),
    );
    const { result } = renderHook(() => useCursorPages(['slow'], fetchPage), { wrapper });
    await waitFor(() => expect(result.current.hasNext).toBe(true));
    act(() => result.current.next());
    await waitFor(() => expect(result.current.isFetching).toBe(true));
    expect(result.current.hasNext).toBe(false);
    act(() => release(PAGES.c2 as CursorPage<string>));
    await waitFor(() => expect(result.current.items).toEqual(['c', 'd']));
  });
});
