import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { makeQueryClient } from '../../app/Providers';
import { translator } from '../../lib/i18n';
import { json, mockServer } from '../../test/fetchMock';
import { useJob } from './api';
import { expectedText, isFinal, nextPoll, outcomeOf, problemText, visibleProblems } from './job';

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
    error_code: null,
    error_columns: [],
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
    // A failure is read from its code and columns, whatever the English message says.
    expect(outcomeOf(job({ state: 'failed', error_code: 'import_columns_missing', error_columns: ['姓名', '所在党组织编码'], message: 'x' }))).toEqual({
      kind: 'failed',
      code: 'import_columns_missing',
      columns: ['姓名', '所在党组织编码'],
    });
    expect(outcomeOf(job({ state: 'failed', error_code: 'import_table_unreadable', message: 'The table lacks these columns: 姓名.' }))).toEqual({
      kind: 'failed',
      code: 'import_table_unreadable',
      columns: [],
    });
    expect(outcomeOf(job({ state: 'failed', error_code: null })).kind).toBe('failed');
    expect(outcomeOf(job({ state: 'failed', error_code: null }))).toMatchObject({ code: 'job_failed' });
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
    expect(problemText({ code: 'invalid_yes_no', reason: 'must be 是 or 否' }, zh)).toBe('应填“是”或“否”');
    expect(problemText({ code: 'id_number_check_digit_wrong', reason: 'x' }, en)).toBe('The check digit of this identity number is wrong (a digit may be mistyped)');
    expect(problemText({ code: 'missing', reason: 'Field required' }, zh)).toBe('不能为空');
    // A validation type the app translates for forms reads the same here.
    expect(problemText({ code: 'string_too_long', reason: 'String should have at most 50 characters' }, zh)).toBe('内容太长');
  });

  it('falls back to the reason the server gave for a code it does not know', () => {
    expect(problemText({ code: 'something_new', reason: 'A reason from the server' }, zh)).toBe('A reason from the server');
    expect(problemText({ code: 'something_new', reason: '' }, zh)).toBe('填写的内容无效');
  });
});

describe('what a cell should hold', () => {
  const zh = translator('zh-CN');
  const en = translator('en-US');
  const say = (code: string, params: Record<string, unknown>, language: 'zh-CN' | 'en-US' = 'zh-CN') =>
    expectedText({ code, params }, language === 'zh-CN' ? zh : en, language);

  it('is built from the code and its parameters, in both languages', () => {
    expect(say('invalid_date', { format: 'YYYY-MM-DD' })).toBe('日期，格式 YYYY-MM-DD');
    expect(say('invalid_date', { format: 'YYYY-MM-DD' }, 'en-US')).toBe('A date, as YYYY-MM-DD');
    expect(say('invalid_choice', { allowed: ['男', '女'], allowed_values: ['male', 'female'] })).toBe('以下之一：男、女');
    expect(say('invalid_choice', { allowed: ['男', '女'] }, 'en-US')).toBe('One of: 男, 女');
    expect(say('invalid_choice', { allowed_values: ['male', 'female'] })).toBe('以下之一：male、female');
    expect(say('invalid_yes_no', { allowed: ['是', '否'] })).toBe('以下之一：是、否');
    expect(say('out_of_range', { min: 0, max: 24 })).toBe('0 到 24 之间');
    expect(say('out_of_range', { greater_than: 0 })).toBe('大于 0');
    expect(say('out_of_range', { max: 10000 }, 'en-US')).toBe('At most 10000');
    expect(say('too_long', { max_length: 50 })).toBe('不超过 50 个字');
    expect(say('too_many_decimals', { decimal_places: 2 })).toBe('最多 2 位小数');
    expect(say('invalid_id_number', { length: 18 })).toBe('18 位公民身份号码（最后一位可以是 X）');
    expect(say('member_birth_date_mismatch', { expected: '1985-06-15' })).toBe('与身份证号一致的出生日期：1985-06-15');
    expect(say('volunteer_served_in_future', { max: '2025-03-01' })).toBe('不晚于 2025-03-01 的日期');
    expect(say('volunteer_day_over_24_hours', { date: '2025-03-01', hours: 26.5, max: 24 })).toBe(
      '2025-03-01 当天合计不超过 24 小时（连同已登记的，现为 26.5 小时）',
    );
  });

  it('says what it can when a parameter is missing, and nothing for a code it does not know', () => {
    expect(say('out_of_range', {})).toBe('允许范围内的数值');
    expect(say('too_long', {})).toBe('更短的内容');
    expect(say('volunteer_day_over_24_hours', { date: '2025-03-01' })).toBe('当天合计不超过 24 小时');
    expect(say('something_new', { format: 'x' })).toBeNull();
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
