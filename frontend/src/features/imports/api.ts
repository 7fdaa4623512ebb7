/** Uploading a table to import (`/imports/*`), and following the job it starts (`/jobs/{id}`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { components } from '../../api/schema';
import { nextPoll } from './job';

export type ImportKind = 'members' | 'volunteer-records';
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
  return unwrap(
    api.POST('/api/v1/imports/members', {
      body: form as unknown as { file: string; dry_run: boolean },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
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
    (kind: ImportKind) => {
      if (kind === 'members') return queryClient.invalidateQueries({ queryKey: keys.members.all });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.volunteerRecords.all }),
        queryClient.invalidateQueries({ queryKey: keys.volunteerStats.all }),
      ]);
    },
    [queryClient],
  );
}
