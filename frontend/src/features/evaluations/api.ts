/** Queries and writes of evaluation cycles, evaluations and their results. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { cycleNamesQuery } from '../../components/evaluations/queries';
import type { ExportedFile } from '../../components/ExportButtons';
import { filenameFromDisposition, unwrapBlob, type ExportFormat } from '../../lib/download';

type Schemas = components['schemas'];
export type Evaluation = Schemas['EvaluationRead'];
export type EvaluationState = Schemas['EvaluationState'];
export type Cycle = Schemas['CycleRead'];
export type ResultRow = Schemas['ResultRow'];
export type Grade = Schemas['Grade'];

export const STATES: EvaluationState[] = ['self_assessment', 'public_rating', 'organizational_review', 'finalized', 'withdrawn'];
export const GRADES: Grade[] = ['excellent', 'good', 'fair', 'poor'];
/** Returning or reopening needs a written reason (evaluations.transition on the server). */
export const BACKWARD: Partial<Record<EvaluationState, EvaluationState[]>> = {
  organizational_review: ['self_assessment'],
  finalized: ['organizational_review'],
};

export function needsReason(from: EvaluationState, to: EvaluationState): boolean {
  return (BACKWARD[from] ?? []).includes(to);
}

export interface EvaluationFilters {
  cycleId: string | null;
  state: EvaluationState | null;
}

export function evaluationsQuery(filters: EvaluationFilters) {
  return queryOptions({
    queryKey: keys.evaluations.list(filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/evaluations', {
          params: { query: { cycle_id: filters.cycleId, state: filters.state, limit: 200, include_total: true } },
        }),
      ),
  });
}

export function evaluationQuery(id: string) {
  return queryOptions({
    queryKey: keys.evaluations.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/evaluations/{evaluation_id}', { params: { path: { evaluation_id: id } } })),
  });
}

/** The cycles in the caller's scope (one key, shared with the member page's duty reviews). */
export const cyclesQuery = cycleNamesQuery;

export function cycleQuery(id: string) {
  return queryOptions({
    queryKey: keys.evaluationCycles.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-cycles/{cycle_id}', { params: { path: { cycle_id: id } } })),
  });
}

export type ResultSort = 'rank' | 'total' | 'name';
export interface ResultFilters {
  domain: Schemas['Domain'] | null;
  grade: Grade | null;
  order: ResultSort;
}

function resultQuery(filters: ResultFilters) {
  return { domain: filters.domain, grade: filters.grade, order: filters.order };
}

export function resultsQuery(cycleId: string, filters: ResultFilters) {
  return queryOptions({
    queryKey: keys.evaluationCycles.results(cycleId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/evaluation-cycles/{cycle_id}/results', {
          params: { path: { cycle_id: cycleId }, query: { ...resultQuery(filters), limit: 200, include_total: true } },
        }),
      ),
  });
}

/** Every result of the cycle, unfiltered, for the grade distribution. */
export function allResultsQuery(cycleId: string) {
  return resultsQuery(cycleId, { domain: null, grade: null, order: 'rank' });
}

export async function exportResults(cycleId: string, filters: ResultFilters, format: ExportFormat): Promise<ExportedFile> {
  const { blob, response } = await unwrapBlob(
    api.GET('/api/v1/evaluation-cycles/{cycle_id}/results/export', {
      params: { path: { cycle_id: cycleId }, query: { ...resultQuery(filters), format } },
      parseAs: 'blob',
    }),
  );
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), `results.${format}`) };
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.evaluations.all });
    void queryClient.invalidateQueries({ queryKey: keys.evaluationCycles.all });
  };
}

export function useTransition(evaluation: Evaluation) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ to, reason }: { to: EvaluationState; reason: string | null }) =>
      unwrap(
        api.POST('/api/v1/evaluations/{evaluation_id}/transitions', {
          params: { path: { evaluation_id: evaluation.id }, header: { 'If-Match': ifMatch(evaluation.version) } },
          body: { to, reason },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useMakeInvitations(evaluationId: string) {
  return useMutation({
    mutationFn: (count: number) =>
      unwrap(
        api.POST('/api/v1/evaluations/{evaluation_id}/invitations', {
          params: { path: { evaluation_id: evaluationId } },
          body: { count },
        }),
      ),
  });
}

export function useCycleAction(cycleId: string, action: 'launch' | 'finalize' | 'confirm') {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async () => {
      const params = { params: { path: { cycle_id: cycleId } } };
      if (action === 'launch') return unwrap(api.POST('/api/v1/evaluation-cycles/{cycle_id}/launch', params));
      if (action === 'finalize') return unwrap(api.POST('/api/v1/evaluation-cycles/{cycle_id}/finalize', params));
      return unwrap(api.POST('/api/v1/evaluation-cycles/{cycle_id}/confirm', params));
    },
    onSuccess: invalidate,
  });
}

export function useConfirmGrade(evaluationId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ grade, reason }: { grade: Grade | null; reason: string | null }) =>
      unwrap(
        api.POST('/api/v1/evaluations/{evaluation_id}/confirm', {
          params: { path: { evaluation_id: evaluationId } },
          body: { grade, reason },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The QR code of the rating link as an SVG data URL (the endpoint needs the session token). */
export function qrQuery(evaluationId: string) {
  return queryOptions({
    queryKey: keys.evaluations.qr(evaluationId),
    queryFn: async () => {
      const { blob } = await unwrapBlob(
        api.GET('/api/v1/evaluations/{evaluation_id}/qr.svg', {
          params: { path: { evaluation_id: evaluationId } },
          parseAs: 'blob',
        }),
      );
      return URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
    },
    staleTime: Infinity,
  });
}


export type Template = Schemas['TemplateRead'];
export type SelfAssessmentBody = Schemas['SelfAssessment'];
export type Review = Schemas['ReviewRead'];
export type ReviewBody = Schemas['ReviewBody'];
export type CycleCreate = Schemas['CycleCreate'];
export type Target = Schemas['TargetRead'];

/** The cycle's frozen copy of the template an evaluation is scored on. */
export function evaluationTemplateQuery(evaluationId: string) {
  return queryOptions({
    queryKey: ['evaluations', evaluationId, 'template'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/evaluations/{evaluation_id}/template', { params: { path: { evaluation_id: evaluationId } } })),
    staleTime: Infinity,
  });
}

/** What the platform knows of the organization for the cycle's year, shown beside the indicators. */
export function factsQuery(evaluationId: string) {
  return queryOptions({
    queryKey: ['evaluations', evaluationId, 'facts'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/evaluations/{evaluation_id}/facts', { params: { path: { evaluation_id: evaluationId } } })),
  });
}

export function useSaveSelfAssessment(evaluation: Evaluation) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SelfAssessmentBody) =>
      unwrap(
        api.PUT('/api/v1/evaluations/{evaluation_id}/self-assessment', {
          params: { path: { evaluation_id: evaluation.id }, header: { 'If-Match': ifMatch(evaluation.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** The caller's own review as an assigned reviewer; null until they save one. */
export function myReviewQuery(evaluationId: string) {
  return queryOptions({
    queryKey: ['evaluations', evaluationId, 'reviews', 'mine'],
    queryFn: async (): Promise<Review | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/evaluations/{evaluation_id}/reviews/mine', { params: { path: { evaluation_id: evaluationId } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.code === 'evaluation_review_not_started') return null;
        throw error;
      }
    },
  });
}

export function useSaveReview(evaluationId: string, review: Review | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ReviewBody) =>
      unwrap(
        api.PUT('/api/v1/evaluations/{evaluation_id}/reviews/mine', {
          params: {
            path: { evaluation_id: evaluationId },
            header: review ? { 'If-Match': ifMatch(review.version) } : {},
          },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Templates the caller may launch a cycle with: the built-in ones and copies in their scope. */
export function templatesQuery() {
  return queryOptions({
    queryKey: ['evaluation-templates', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-templates', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

/** Accounts to assign as reviewers, searched by name. */
export function reviewerSearchQuery(text: string) {
  return queryOptions({
    queryKey: ['evaluation-cycles', 'reviewer-search', text],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: text || null, limit: 20 } } })),
    staleTime: 30_000,
  });
}

/** Who a launch of the cycle would evaluate. */
export function previewQuery(cycleId: string) {
  return queryOptions({
    queryKey: ['evaluation-cycles', cycleId, 'preview'],
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-cycles/{cycle_id}/preview', { params: { path: { cycle_id: cycleId } } })),
  });
}

/** Create the cycle, or replace the settings of the one created earlier in the same wizard. */
export function useSaveCycle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ body, existing, key }: { body: CycleCreate; existing: Cycle | null; key: string }) => {
      if (existing === null) {
        return unwrap(api.POST('/api/v1/evaluation-cycles', { params: { header: { 'Idempotency-Key': key } }, body }));
      }
      const { organization_id: _unused, ...settings } = body;
      void _unused;
      return unwrap(
        api.PUT('/api/v1/evaluation-cycles/{cycle_id}', {
          params: { path: { cycle_id: existing.id }, header: { 'If-Match': ifMatch(existing.version) } },
          body: settings,
        }),
      );
    },
    onSuccess: invalidate,
  });
}

/** The rule of `evaluation_weights_invalid`, checked before sending: the weights sum to 1 and the
 * public rating weighs at least as much as each other step (加大群众评价权重). */
export function weightsValid(weights: { self: number; public: number; review: number }): boolean {
  const sum = Math.round((weights.self + weights.public + weights.review) * 10000);
  return sum === 10000 && weights.public >= weights.self && weights.public >= weights.review;
}
