/** Volunteer records in scope: the verification queue and its decisions. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { ExportedFile } from '../../components/ExportButtons';
import { filenameFromDisposition, unwrapBlob, type ExportFormat } from '../../lib/download';
import type { RecordFilters } from './filters';

function listQuery(filters: RecordFilters) {
  return {
    within: filters.within,
    status: filters.status === 'all' ? null : filters.status,
    member_id: filters.memberId,
    activity_id: filters.activityId,
    served_from: filters.servedFrom,
    served_to: filters.servedTo,
    kind: filters.kind,
  };
}

export function fetchRecordPage(filters: RecordFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/volunteer-records', {
      params: {
        query: {
          ...listQuery(filters),
          cursor,
          limit,
          include_total: cursor === null,
        },
      },
    }),
  );
}

/** The records the list shows (all pages of them), as a CSV or Excel file. */
export async function exportRecords(filters: RecordFilters, format: ExportFormat): Promise<ExportedFile> {
  const { blob, response } = await unwrapBlob(
    api.GET('/api/v1/volunteer-records/export', { params: { query: { ...listQuery(filters), format } }, parseAs: 'blob' }),
  );
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), `volunteer-records.${format}`) };
}

/** Every decision changes the lists and the rollups. */
export function useInvalidateRecords() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.volunteerRecords.all }),
      queryClient.invalidateQueries({ queryKey: keys.volunteerStats.all }),
    ]);
}

export function useVerifyRecord() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/volunteer-records/{record_id}/verify', { params: { path: { record_id: id } } })),
    onSuccess: invalidate,
  });
}

export function useRejectRecord() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/volunteer-records/{record_id}/reject', { params: { path: { record_id: id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useRevertRecord() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/volunteer-records/{record_id}/revert', { params: { path: { record_id: id } } })),
    onSuccess: invalidate,
  });
}

/**
 * All of them or none: a 409 names the records that are no longer pending. A refusal changed
 * nothing, so the list stays as it is and the refused rows can be shown where they are.
 */
export function useBulkVerify() {
  const invalidate = useInvalidateRecords();
  return useMutation({
    mutationFn: (recordIds: string[]) => unwrap(api.POST('/api/v1/volunteer-records/verify', { body: { record_ids: recordIds } })),
    onSuccess: invalidate,
  });
}
