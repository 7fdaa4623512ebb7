/** The records picked for a bulk verify, and those the server refused when it tried. */
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/problem';

/** The picked records a failed bulk verify names as no longer pending. */
export function refusedRecords(error: unknown, picked: string[]): string[] {
  if (!(error instanceof ApiError) || error.code !== 'volunteer_record_wrong_state') return [];
  return error.recordIds.filter((id) => picked.includes(id));
}

export function useRecordSelection() {
  const [selected, setSelected] = useState<string[]>([]);
  const [refused, setRefused] = useState<string[]>([]);

  const select = useCallback((ids: string[]) => {
    setSelected(ids);
    setRefused((previous) => previous.filter((id) => ids.includes(id)));
  }, []);

  /** After a failed bulk verify: mark the refused ones, keep the whole selection (nothing was verified). */
  const failed = useCallback((error: unknown, picked: string[]) => setRefused(refusedRecords(error, picked)), []);

  /** Unpick the refused ones, so that the rest can be verified. */
  const dropRefused = useCallback(() => {
    setSelected((previous) => previous.filter((id) => !refused.includes(id)));
    setRefused([]);
  }, [refused]);

  const clear = useCallback(() => {
    setSelected([]);
    setRefused([]);
  }, []);

  return { selected, refused, select, failed, dropRefused, clear };
}

export type RecordSelection = ReturnType<typeof useRecordSelection>;
