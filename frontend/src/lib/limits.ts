/**
 * What the server accepts: photo size, type and count, upload size, rows per import. Every page
 * that shows or checks a limit reads it here, so the numbers live in one place.
 *
 * The server is adding `GET /api/v1/meta/limits` (public). Until it is in the contract the
 * values below, today's server settings, are the answer; once it is, `fetchLimits` becomes
 * `() => unwrap(api.GET('/api/v1/meta/limits'))` and nothing else changes.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

export interface Limits {
  /** Largest photo, in bytes (settings.max_photo_bytes). */
  photo_max_bytes: number;
  /** Photos one volunteer record may hold (evidence.MAX_PHOTOS_PER_RECORD). */
  photos_per_record: number;
  /** Media types a photo may have. */
  photo_types: string[];
  /** Largest import file, in bytes (settings.max_upload_bytes). */
  upload_max_bytes: number;
  /** Rows one import may hold; null when the server sets no limit. */
  import_max_rows: number | null;
}

/** Today's server values: the answer until the endpoint answers, and if it cannot be read. */
export const SERVER_LIMITS: Limits = {
  photo_max_bytes: 8 * 1024 * 1024,
  photos_per_record: 6,
  photo_types: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  upload_max_bytes: 32 * 1024 * 1024,
  import_max_rows: null,
};

function fetchLimits(): Promise<Limits> {
  return Promise.resolve(SERVER_LIMITS);
}

export const limitsQuery = queryOptions({
  queryKey: ['meta', 'limits'],
  queryFn: fetchLimits,
  staleTime: Infinity,
  retry: false,
});

/** The server's limits; its known values while they are being read. */
export function useLimits(): Limits {
  return useQuery(limitsQuery).data ?? SERVER_LIMITS;
}

/** A size for people: "8 MB", "32 MB", "1.5 MB" (binary megabytes, as the server counts). */
export function formatSize(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
