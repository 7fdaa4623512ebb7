/** Keyset paging over any list endpoint: a stack of cursors, next and previous. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/problem';

/** What every list endpoint of the API returns. */
export interface CursorPage<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number | null;
}

export const PAGE_SIZE = 20;

/**
 * Reads one page at a time; `key` names the list and its filters, and a new key starts again
 * from the first page. The query key is `[...key, cursor]`, so invalidating `key` refreshes it.
 */
export function useCursorPages<T>(
  key: readonly unknown[],
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
  options: { enabled?: boolean } = {},
) {
  const keyText = JSON.stringify(key);
  const [state, setState] = useState<{ keyText: string; cursors: (string | null)[] }>({
    keyText,
    cursors: [null],
  });
  const cursors = state.keyText === keyText ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: [...key, { cursor }],
    queryFn: () => fetchPage(cursor),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  // A cursor the server no longer takes (its list changed shape, or it came from another
  // session): start the list again from its first page rather than show an error.
  const staleCursor = cursor !== null && query.error instanceof ApiError && query.error.code === 'invalid_cursor';
  useEffect(() => {
    if (staleCursor) setState({ keyText, cursors: [null] });
  }, [staleCursor, keyText]);
  const nextCursor = query.data?.next_cursor ?? null;
  return {
    items: query.data?.items ?? [],
    total: query.data?.total ?? null,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: staleCursor ? null : query.error,
    refetch: query.refetch,
    pageNumber: cursors.length,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    hasPrevious: cursors.length > 1,
    next: () => {
      if (nextCursor !== null) setState({ keyText, cursors: [...cursors, nextCursor] });
    },
    previous: () => setState({ keyText, cursors: cursors.slice(0, -1) }),
    first: () => setState({ keyText, cursors: [null] }),
  };
}

export type CursorPages<T> = ReturnType<typeof useCursorPages<T>>;
