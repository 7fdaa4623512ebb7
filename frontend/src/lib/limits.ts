/**
 * What the server accepts: photo size, type and count, upload size, rows per import. Every page
 * that shows or checks a limit reads it here, from `GET /api/v1/meta/limits` (public), so the
 * numbers live on the server, next to the settings that enforce them.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { keys } from '../api/keys';
import type { components } from '../api/schema';

export type Limits = components['schemas']['Limits'];

/**
 * The server's default settings: what a page shows for the moment the limits are being read
 * (and, should they not be readable, what it checks against; the server decides anyway).
 */
export const SERVER_LIMITS: Limits = {
  photo_max_bytes: 8 * 1024 * 1024,
  photos_per_record: 6,
  photo_types: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
  upload_max_bytes: 32 * 1024 * 1024,
  upload_max_uncompressed_bytes: 256 * 1024 * 1024,
  import_max_rows: 200_000,
};

export function fetchLimits(): Promise<Limits> {
  return unwrap(api.GET('/api/v1/meta/limits'));
}

export const limitsQuery = queryOptions({
  queryKey: keys.meta.limits,
  queryFn: fetchLimits,
  staleTime: Infinity,
});

/** The server's limits; its default settings only until they have been read. */
export function useLimits(): Limits {
  return useQuery(limitsQuery).data ?? SERVER_LIMITS;
}

/** A size for people: "8 MB", "32 MB", "1.5 MB" (binary megabytes, as the server counts). */
export function formatSize(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
