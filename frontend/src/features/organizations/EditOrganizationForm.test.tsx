import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { ENUMS, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { EditOrganizationForm } from './EditOrganizationPage';

const loaded = makeOrganization({ name: '青溪镇党委', short_name: null, version: 3 });
const theirs = { ...loaded, venue_address: '青溪镇文化礼堂', version: 4 };
const mine = { ...theirs, short_name: '青溪', version: 5 };

function renderForm(onSaved = vi.fn()) {
  renderWithApp(<EditOrganizationForm organization={loaded} onSaved={onSaved} onCancel={() => undefined} />);
  return onSaved;
}

describe('EditOrganizationForm', () => {
  it('sends only the changed fields, with If-Match of the version it loaded', async () => {
    const { requests } = mockServer({
      'GET /api/v1/meta/enums': () => json(ENUMS),
      [`PATCH /api/v1/organizations/${loaded.id}`]: () => json({ ...loaded, short_name: '青溪', version: 4 }, 200, { ETag: '"4"' }),
    });
    const onSaved = renderForm();
    await userEvent.type(screen.getByLabelText('简称'), '青溪');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const patch = requests.find((request) => request.method === 'PATCH');
    expect(patch?.headers.get('If-Match')).toBe('"3"');
    expect(patch?.body).toEqual({ short_name: '青溪' });
  });

  it('on 412 shows the current values beside the change and re-applies it on the new version', async () => {
    let attempts = 0;
    const { requests } = mockServer({
      'GET /api/v1/meta/enums': () => json(ENUMS),
      [`GET /api/v1/organizations/${loaded.id}`]: () => json(theirs, 200, { ETag: '"4"' }),
      [`PATCH /api/v1/organizations/${loaded.id}`]: () => {
        attempts += 1;
        return attempts === 1 ? problem(412, 'precondition_failed', { current_version: 4 }) : json(mine, 200, { ETag: '"5"' });
      },
    });
    const onSaved = renderForm();
    await userEvent.type(screen.getByLabelText('简称'), '青溪');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

    const conflict = await screen.findByRole('alert');
    expect(conflict).toHaveTextContent('保存失败：这个组织刚刚被其他人修改过');
    const row = within(conflict).getByText('简称').closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('青溪');
    expect(row).toHaveTextContent('（空）');
    expect(conflict).not.toHaveTextContent('precondition_failed');
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.click(within(conflict).getByRole('button', { name: '重新应用我的修改' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(mine));
    const patches = requests.filter((request) => request.method === 'PATCH');
    expect(patches.map((patch) => patch.headers.get('If-Match'))).toEqual(['"3"', '"4"']);
    expect(patches.map((patch) => patch.body)).toEqual([{ short_name: '青溪' }, { short_name: '青溪' }]);
  });

  it('can drop the change and continue from the current values', async () => {
    mockServer({
      'GET /api/v1/meta/enums': () => json(ENUMS),
      [`GET /api/v1/organizations/${loaded.id}`]: () => json(theirs, 200, { ETag: '"4"' }),
      [`PATCH /api/v1/organizations/${loaded.id}`]: () => problem(412, 'precondition_failed', { current_version: 4 }),
    });
    renderForm();
    await userEvent.type(screen.getByLabelText('简称'), '青溪');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    const conflict = await screen.findByRole('alert');
    await userEvent.click(within(conflict).getByRole('button', { name: '放弃我的修改，载入最新数据' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(screen.getByLabelText('活动场所地址')).toHaveValue('青溪镇文化礼堂');
    expect(screen.getByLabelText('简称')).toHaveValue('');
  });

  it('shows a refusal of the server in words next to the field it is about', async () => {
    mockServer({
      'GET /api/v1/meta/enums': () => json(ENUMS),
      [`PATCH /api/v1/organizations/${loaded.id}`]: () => problem(409, 'organization_code_taken'),
    });
    renderForm();
    const code = screen.getByLabelText('组织代码');
    await userEvent.clear(code);
    await userEvent.type(code, 'TAKEN-1');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该组织代码已被其他组织使用，请换一个。');
    expect(document.body).not.toHaveTextContent('English detail');
  });
});
