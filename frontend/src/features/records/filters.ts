/** The record list's filters, kept in the URL so that the hours dashboard can link to a slice. */
import type { RecordStatus, ServiceKind } from '../../api/types';

export type StatusFilter = RecordStatus | 'all';

export interface RecordFilters {
  within: string | null;
  status: StatusFilter;
  memberId: string | null;
  activityId: string | null;
  servedFrom: string | null;
  servedTo: string | null;
  kind: ServiceKind | null;
}

const STATUSES: StatusFilter[] = ['pending', 'verified', 'rejected', 'all'];

/** Staff open the queue of pending records; anyone else sees every status. */
export function filtersFromParams(params: URLSearchParams, defaultStatus: StatusFilter): RecordFilters {
  const status = params.get('status') as StatusFilter | null;
  return {
    within: params.get('within'),
    status: status !== null && STATUSES.includes(status) ? status : defaultStatus,
    memberId: params.get('member_id'),
    activityId: params.get('activity_id'),
    servedFrom: params.get('served_from'),
    servedTo: params.get('served_to'),
    kind: params.get('kind') as ServiceKind | null,
  };
}

export function paramsFromFilters(filters: RecordFilters): URLSearchParams {
  const params = new URLSearchParams({ status: filters.status });
  if (filters.within) params.set('within', filters.within);
  if (filters.memberId) params.set('member_id', filters.memberId);
  if (filters.activityId) params.set('activity_id', filters.activityId);
  if (filters.servedFrom) params.set('served_from', filters.servedFrom);
  if (filters.servedTo) params.set('served_to', filters.servedTo);
  if (filters.kind) params.set('kind', filters.kind);
  return params;
}
