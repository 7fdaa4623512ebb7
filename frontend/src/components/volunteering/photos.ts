/** Photos that back a volunteer record (`/volunteer-records/{id}/photos`): listed, shown, added, removed. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { unwrapBlob } from '../../lib/download';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'];

export function photosQuery(recordId: string) {
  return queryOptions({
    queryKey: ['volunteer-records', recordId, 'photos'],
    queryFn: () => unwrap(api.GET('/api/v1/volunteer-records/{record_id}/photos', { params: { path: { record_id: recordId } } })),
  });
}

/** The bytes of one photo, which need the token: shown through an object URL. */
export function photoBlobQuery(recordId: string, photoId: string) {
  return queryOptions({
    queryKey: ['volunteer-records', recordId, 'photos', photoId, 'blob'],
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
export function photoProblem(file: { type: string; size: number; name: string }, already: number): 'photos.notAPhoto' | 'photos.tooLarge' | 'photos.tooMany' | null {
  if (already >= MAX_PHOTOS) return 'photos.tooMany';
  const heic = /\.(heic|heif)$/i.test(file.name);
  if (!PHOTO_TYPES.includes(file.type) && !heic) return 'photos.notAPhoto';
  if (file.size > MAX_PHOTO_BYTES) return 'photos.tooLarge';
  return null;
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['volunteer-records', recordId, 'photos'] }),
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['volunteer-records', recordId, 'photos'] }),
  });
}
