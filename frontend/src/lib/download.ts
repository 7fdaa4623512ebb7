/** Files the API streams (exports, photos): read with the client, so that they carry the token. */
import { toApiError } from '../api/problem';
import { NetworkError } from '../api/problem';

export type ExportFormat = 'csv' | 'xlsx';

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` first), or `fallback`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

interface BlobCall {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The bytes of a successful call made with `parseAs: 'blob'`; any other outcome throws. */
export async function unwrapBlob(call: Promise<BlobCall>): Promise<{ blob: Blob; response: Response }> {
  let result: BlobCall;
  try {
    result = await call;
  } catch (error) {
    throw new NetworkError(error);
  }
  const { data, response } = result;
  if (!response.ok) {
    let body: unknown = result.error;
    if (body instanceof Blob) {
      try {
        body = JSON.parse(await body.text()) as unknown;
      } catch {
        body = undefined;
      }
    }
    throw toApiError(body, response);
  }
  return { blob: data as Blob, response };
}

/** Hands a file to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
