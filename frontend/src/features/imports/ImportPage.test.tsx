import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, grantOf, makeMe } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { ImportPage } from './ImportPage';

function job(overrides: Record<string, unknown> = {}) {
  return {
    id: 'job-1',
    kind: 'import_members',
    state: 'failed',
    dry_run: true,
    percent: 100,
    total_rows: 0,
    processed_rows: 0,
    created_rows: 0,
    error_count: 0,
    errors: [],
    message: 'An English message the page must not show.',
    error_code: null,
    error_columns: [],
    created_at: '2024-05-01T00:00:00Z',
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

const LIMITS = {
  photo_max_bytes: 8 * 1024 * 1024,
  photos_per_record: 6,
  photo_types: ['image/jpeg'],
  upload_max_bytes: 16 * 1024 * 1024,
  upload_max_uncompressed_bytes: 64 * 1024 * 1024,
  import_max_rows: 5000,
};

function serve(answer: ReturnType<typeof job>) {
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ grants: [grantOf('org_staff')] })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    'GET /api/v1/meta/limits': () => json(LIMITS),
    'POST /api/v1/imports/members': () => json({ ...answer, state: 'queued' }, 202),
    'GET /api/v1/jobs/job-1': () => json(answer),
    'GET /api/v1/imports/members/template': () => ({
      status: 200,
      body: 'xlsx bytes',
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="members-template.xlsx"; filename*=UTF-8''%E5%85%9A%E5%91%98%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx`,
      },
    }),
  });
}

async function checkAFile() {
  const { container } = renderWithApp(<ImportPage />, { path: '/import/:kind', route: '/import/members' });
  const input = container.querySelector('input[type=file]') as HTMLInputElement;
  await userEvent.upload(input, new File(['姓名\n李明\n'], 'members.csv', { type: 'text/csv' }));
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
}

describe('the import wizard', () => {
  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    saveSession({ accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: Date.now() + 3_600_000 });
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: () => 'blob:template' });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('downloads the template the server makes, with the caller’s token, in the format picked', async () => {
    const { requests } = serve(job());
    renderWithApp(<ImportPage />, { path: '/import/:kind', route: '/import/members' });
    await userEvent.click(await screen.findByRole('button', { name: /下载导入模板/ }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Excel 模板（.xlsx，含示例和填写说明）' }));
    await waitFor(() => expect(saved).toEqual(['党员导入模板.xlsx']));
    const download = requests.find((request) => request.path === '/api/v1/imports/members/template');
    expect(download?.search).toBe('?format=xlsx');
    expect(download?.headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('reads the limits from the server: the row limit it shows is the server’s', async () => {
    serve(job());
    renderWithApp(<ImportPage />, { path: '/import/:kind', route: '/import/members' });
    expect(await screen.findByText('支持 .csv 和 .xlsx，单个文件不超过 16 MB、5,000 行')).toBeInTheDocument();
  });

  it('says why a job failed by its code, naming the missing columns, never in the server’s English', async () => {
    serve(job({ error_code: 'import_columns_missing', error_columns: ['姓名', '所在党组织编码'] }));
    await checkAFile();
    expect(await screen.findByRole('alert')).toHaveTextContent('表格缺少这些列：姓名、所在党组织编码。请使用导入模板中的列名。');
    expect(document.body).not.toHaveTextContent('English message');
  });

  it('says a table has too many rows with the server’s row limit', async () => {
    serve(job({ error_code: 'import_too_many_rows' }));
    await checkAFile();
    expect(await screen.findByRole('alert')).toHaveTextContent('表格超过 5,000 行');
  });

  it('lists each problem with the value found and what the cell should hold, in Chinese', async () => {
    serve(
      job({
        state: 'succeeded',
        total_rows: 3,
        error_count: 3,
        errors: [
          { row: 2, column: '性别', code: 'invalid_choice', params: { allowed: ['男', '女'], allowed_values: ['male', 'female'] }, value: '男性', reason: 'must be one of Male, Female' },
          { row: 3, column: '入党日期', code: 'invalid_date', params: { format: 'YYYY-MM-DD' }, value: '2024年5月', reason: 'must be a date' },
          { row: 4, column: '手机号码', code: 'phone_invalid', params: {}, value: '123****6789', reason: 'must be a phone' },
        ],
      }),
    );
    await checkAFile();
    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(['行号', '列', '问题', '找到的值', '应为']);
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2', '性别', '不是可选的值', '男性', '以下之一：男、女'],
      ['3', '入党日期', '日期无法识别', '2024年5月', '日期，格式 YYYY-MM-DD'],
      ['4', '手机号码', '不是有效的电话号码', '123****6789', '手机号（如 13812345678）或带区号的固定电话（如 0571-87654321）'],
    ]);
    expect(document.body).not.toHaveTextContent('must be');
  });
});
