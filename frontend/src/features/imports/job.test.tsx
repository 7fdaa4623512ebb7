import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { makeQueryClient } from '../../app/Providers';
import { translator } from '../../lib/i18n';
import { json, mockServer } from '../../test/fetchMock';
import { useJob } from './api';
import { isFinal, nextPoll, outcomeOf, problemText, visibleProblems } from './job';

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: 'job-1',
    kind: 'import_members',
    state: 'running',
    dry_run: true,
    percent: 0,
    total_rows: 3,
    processed_rows: 0,
    created_rows: 0,
    error_count: 0,
    errors: [],
    message: null,
    created_at: '2024-05-01T00:00:00Z',
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

describe('following an import job', () => {
  it('polls while the job is queued or running, and not once it succeeded or failed', () => {
    expect(nextPoll(undefined, 500)).toBe(500);
    expect(nextPoll({ state: 'queued' }, 500)).toBe(500);
    expect(nextPoll({ state: 'running' }, 500)).toBe(500);
    expect(nextPoll({ state: 'succeeded' }, 500)).toBe(false);
    expect(nextPoll({ state: 'failed' }, 500)).toBe(false);
    expect(isFinal({ state: 'failed' })).toBe(true);
  });

  it('the hook stops reading the job once it is final', async () => {
    const states = ['queued', 'running', 'succeeded'];
    let reads = 0;
    mockServer({
      'GET /api/v1/jobs/job-1': () => {
        const state = states[Math.min(reads, states.length - 1)] ?? 'succeeded';
        reads += 1;
        return json(job({ state, percent: state === 'succeeded' ? 100 : 50 }));
      },
    });
    const client = makeQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useJob('job-1', 10), { wrapper });
    await waitFor(() => expect(result.current.data?.state).toBe('succeeded'));
    const readsWhenDone = reads;
    expect(readsWhenDone).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reads).toBe(readsWhenDone);
  });

  it('tells how a finished job ended', () => {
    expect(outcomeOf(job()).kind).toBe('running');
    expect(outcomeOf(job({ state: 'succeeded' })).kind).toBe('ready');
    expect(outcomeOf(job({ state: 'succeeded', error_count: 2 })).kind).toBe('problems');
    expect(outcomeOf(job({ state: 'succeeded', dry_run: false, created_rows: 3 })).kind).toBe('imported');
    expect(outcomeOf(job({ state: 'failed', dry_run: false, error_count: 1 })).kind).toBe('problems');
    expect(outcomeOf(job({ state: 'failed', message: 'The table lacks these columns: 姓名、所在党组织编码.' }))).toEqual({
      kind: 'columnsMissing',
      columns: ['姓名', '所在党组织编码'],
    });
    expect(outcomeOf(job({ state: 'failed', message: 'The file cannot be read: the file is empty.' })).kind).toBe('unreadable');
    expect(outcomeOf(job({ state: 'failed', message: 'The server restarted before the job finished.' })).kind).toBe('failed');
  });
});

describe('the problem table', () => {
  const zh = translator('zh-CN');
  const en = translator('en-US');

  it('translates the codes it knows, in both languages', () => {
    expect(problemText({ code: 'organization_not_found', reason: 'No organization has the code 123.' }, zh)).toBe(
      '没有这个党组织编码，或它不在您的管理范围内',
    );
    expect(problemText({ code: 'duplicate_id_number', reason: 'x' }, en)).toBe('This ID number appears more than once in the table');
    expect(problemText({ code: 'invalid_value', reason: 'must be 是 or 否' }, zh)).toBe('内容无法识别，请按模板格式填写');
    expect(problemText({ code: 'missing', reason: 'Field required' }, zh)).toBe('不能为空');
    // A validation type the app translates for forms reads the same here.
    expect(problemText({ code: 'string_too_long', reason: 'String should have at most 50 characters' }, zh)).toBe('内容太长');
  });

  it('falls back to the reason the server gave for a code it does not know', () => {
    expect(problemText({ code: 'something_new', reason: 'A reason from the server' }, zh)).toBe('A reason from the server');
    expect(problemText({ code: 'something_new', reason: '' }, zh)).toBe('填写的内容无效');
  });
});

describe('problems shown', () => {
  it('leave out the column-less echo of an unknown organization code', () => {
    const problems = [
      { row: 3, column: '所在党组织编码', code: 'organization_not_found', reason: 'x' },
      { row: 3, column: null, code: 'uuid_type', reason: 'UUID input should be a string' },
      { row: 4, column: null, code: 'uuid_type', reason: 'UUID input should be a string' },
    ];
    expect(visibleProblems(problems).map((problem) => problem.row)).toEqual([3, 4]);
    expect(visibleProblems(problems)[1]?.column).toBeNull();
  });
});
