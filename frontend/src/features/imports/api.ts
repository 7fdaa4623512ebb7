/** Uploading a table to import (`/imports/*`), and following the job it starts (`/jobs/{id}`). */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { components } from '../../api/schema';
import { nextPoll } from './job';

export type ImportKind = 'members' | 'volunteer-records' | GridImportKind;
/** Tables of grids, teams and units, and grid boundaries as GeoJSON (`/imports/grid-boundaries`). */
export type GridImportKind = 'grids' | 'grid-teams' | 'units' | 'grid-boundaries';
export const IMPORT_KINDS: readonly ImportKind[] = ['members', 'volunteer-records', 'grids', 'grid-teams', 'units', 'grid-boundaries'];
export type Job = components['schemas']['JobRead'];
export type RowProblem = components['schemas']['RowProblem'];

export interface ImportOptions {
  dryRun: boolean;
  /** Records only: verify them as they are imported. */
  verify: boolean;
}

/** Sends the file; the server answers at once with the job that checks (and maybe imports) it. */
export function startImport(kind: ImportKind, file: File, { dryRun, verify }: ImportOptions): Promise<Job> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('dry_run', String(dryRun));
  if (kind === 'volunteer-records') {
    form.append('verify', String(verify));
    return unwrap(
      api.POST('/api/v1/imports/volunteer-records', {
        body: form as unknown as { file: string; dry_run: boolean; verify: boolean },
        bodySerializer: (body) => body as unknown as FormData,
      }),
    );
  }
  const options = {
    body: form as unknown as { file: string; dry_run: boolean },
    bodySerializer: (body: unknown) => body as FormData,
  };
  switch (kind) {
    case 'grids':
      return unwrap(api.POST('/api/v1/imports/grids', options));
    case 'grid-teams':
      return unwrap(api.POST('/api/v1/imports/grid-teams', options));
    case 'units':
      return unwrap(api.POST('/api/v1/imports/units', options));
    case 'grid-boundaries':
      return unwrap(api.POST('/api/v1/imports/grid-boundaries', options));
    default:
      return unwrap(api.POST('/api/v1/imports/members', options));
  }
}

export function fetchJob(id: string): Promise<Job> {
  return unwrap(api.GET('/api/v1/jobs/{job_id}', { params: { path: { job_id: id } }, cache: 'no-store' }));
}

/** A job read again and again while it runs, and no more once it has succeeded or failed. */
export function useJob(id: string | null, intervalMs = 800) {
  return useQuery({
    queryKey: keys.jobs.detail(id),
    queryFn: () => fetchJob(id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) => nextPoll(query.state.data, intervalMs),
    refetchIntervalInBackground: true,
    staleTime: Infinity,
  });
}

/** Starts an import; the job it answers is cached at once, so following it needs no first read. */
export function useStartImport(kind: ImportKind, onStarted: (job: Job) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, ...options }: ImportOptions & { file: File }) => startImport(kind, file, options),
    onSuccess: (job) => {
      queryClient.setQueryData(keys.jobs.detail(job.id), job);
      onStarted(job);
    },
  });
}

/** Once an import has written its rows: every read of what it wrote is refreshed (records: their rollups too). */
export function useRefreshImported() {
  const queryClient = useQueryClient();
  return useCallback(
    (changes: readonly QueryKey[]) => Promise.all(changes.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    [queryClient],
  );
}
