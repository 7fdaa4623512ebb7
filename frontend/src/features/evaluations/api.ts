/** Queries and writes of evaluation cycles, evaluations and their results. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { components } from '../../api/schema';
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

export function cyclesQuery() {
  return queryOptions({
    queryKey: keys.evaluationCycles.list,
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-cycles', { params: { query: { limit: 200 } } })),
  });
}

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

