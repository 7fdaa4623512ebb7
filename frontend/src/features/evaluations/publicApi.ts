/**
 * The public rating endpoints (no account). A client of its own, without the session
 * middleware of api/client.ts: the rating page must stay light and never sends a token.
 */
import createClient from 'openapi-fetch';
import { NetworkError, toApiError } from '../../api/problem';
import type { components, paths } from '../../api/schema';

export type RatingPageData = components['schemas']['RatingPage'];
export type RatingSubmit = components['schemas']['RatingSubmit'];
export type RaterGroup = RatingSubmit['rater_group'];
export type OtpSent = components['schemas']['OtpSent'];

const publicApi = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://127.0.0.1' : window.location.origin,
  fetch: (request) => globalThis.fetch(request),
});

async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!result.response.ok) throw toApiError(result.error, result.response);
  return result.data as T;
}

export function fetchRatingPage(token: string): Promise<RatingPageData> {
  return call(publicApi.GET('/api/v1/public/ratings/{token}', { params: { path: { token } } }));
}

export function sendRatingCode(token: string, phone: string): Promise<OtpSent> {
  return call(publicApi.POST('/api/v1/public/ratings/{token}/otp', { params: { path: { token } }, body: { phone } }));
}

export function submitRating(token: string, body: RatingSubmit): Promise<unknown> {
  return call(publicApi.POST('/api/v1/public/ratings/{token}', { params: { path: { token } }, body }));
}
