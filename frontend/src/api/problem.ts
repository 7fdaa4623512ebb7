/** Errors of the API as one typed value the UI can explain in the user's language. */
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  /** For 412: the version the server holds now. */
  readonly currentVersion: number | null;
  /** Seconds to wait, from `Retry-After` (429, 503). */
  readonly retryAfter: number | null;
  /** The records a bulk action refused, when the problem names them (`record_ids`). */
  readonly recordIds: string[];
  /** Every member of the problem body, for codes that name more (e.g. the indicators not scored). */
  readonly body: Record<string, unknown>;

  constructor(options: {
    status: number;
    code: string;
    detail?: string;
    fieldErrors?: FieldError[];
    currentVersion?: number | null;
    retryAfter?: number | null;
    recordIds?: string[];
    body?: Record<string, unknown>;
  }) {
    super(options.detail ?? options.code);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.currentVersion = options.currentVersion ?? null;
    this.retryAfter = options.retryAfter ?? null;
    this.recordIds = options.recordIds ?? [];
    this.body = options.body ?? {};
  }
}

/** The request never got an answer (offline, server down, proxy error without a body). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fieldErrorsOf(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is FieldError =>
      isRecord(item) &&
      typeof item.field === 'string' &&
      typeof item.message === 'string' &&
      typeof item.code === 'string',
  );
}

/** Turns an error body (problem+json or anything else) and its response into an ApiError. */
export function toApiError(body: unknown, response: Response): ApiError {
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  if (isRecord(body) && typeof body.code === 'string') {
    return new ApiError({
      status: response.status,
      code: body.code,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      fieldErrors: fieldErrorsOf(body.errors),
      currentVersion: typeof body.current_version === 'number' ? body.current_version : null,
      retryAfter,
      recordIds: Array.isArray(body.record_ids)
        ? body.record_ids.filter((id): id is string => typeof id === 'string')
        : [],
      body,
    });
  }
  return new ApiError({ status: response.status, code: '', retryAfter });
}
