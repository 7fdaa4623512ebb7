/** Photos that back a volunteer record (`/volunteer-records/{id}/photos`): listed, shown, added, removed. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import { unwrapBlob } from '../../lib/download';
import { SERVER_LIMITS, type Limits } from '../../lib/limits';

export function photosQuery(recordId: string) {
  return queryOptions({
    queryKey: keys.volunteerRecords.photos(recordId),
    queryFn: () => unwrap(api.GET('/api/v1/volunteer-records/{record_id}/photos', { params: { path: { record_id: recordId } } })),
  });
}

/** The bytes of one photo, which need the token: shown through an object URL. */
export function photoBlobQuery(recordId: string, photoId: string) {
  return queryOptions({
    queryKey: keys.volunteerRecords.photoBlob(recordId, photoId),
    queryFn: async () =>
      (
        await unwrapBlob(
          api.GET('/api/v1/volunteer-records/{record_id}/photos/{photo_id}', {
            params: { path: { record_id: recordId, photo_id: photoId } },
            parseAs: 'blob',
          }),
        )
      ).blob,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });
}

/** What is wrong with a file before it is sent, as a message key, or null. */
export function photoProblem(
  file: { type: string; size: number; name: string },
  already: number,
  limits: Limits = SERVER_LIMITS,
): 'photos.notAPhoto' | 'photos.tooLarge' | 'photos.tooMany' | null {
  if (already >= limits.photos_per_record) return 'photos.tooMany';
  const heic = /\.(heic|heif)$/i.test(file.name);
  if (!limits.photo_types.includes(file.type) && !heic) return 'photos.notAPhoto';
  if (file.size > limits.photo_max_bytes) return 'photos.tooLarge';
  return null;
}

/** Whether a record has photos to show: the record says how many it has, so no request is made. */
export function hasPhotos(record: { photo_count: number }): boolean {
  return record.photo_count > 0;
}

/**
 * After a photo is added or removed: the record's photo list, and every list of records (they
 * carry `photo_count`); the photos' bytes stay cached.
 */
function invalidatePhotos(queryClient: ReturnType<typeof useQueryClient>) {
  return queryClient.invalidateQueries({
    predicate: ({ queryKey }) => queryKey[0] === keys.volunteerRecords.all[0] && queryKey[queryKey.length - 1] !== 'blob',
  });
}

export function useAddPhoto(recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/api/v1/volunteer-records/{record_id}/photos', {
          params: { path: { record_id: recordId } },
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: () => invalidatePhotos(queryClient),
  });
}

export function useRemovePhoto(recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) =>
      unwrap(
        api.DELETE('/api/v1/volunteer-records/{record_id}/photos/{photo_id}', {
          params: { path: { record_id: recordId, photo_id: photoId } },
        }),
      ),
    onSuccess: () => invalidatePhotos(queryClient),
  });
}
