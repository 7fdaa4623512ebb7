import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../../api/session';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeMe, makeMember, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { EditMemberPage } from './EditMemberPage';
import { MemberDetailPage } from './MemberDetailPage';

const village = makeOrganization({ id: 'org-1', name: '上湾村党支部' });
const masked = makeMember({
  name: '李明',
  organization_id: village.id,
  phone: '138****5678',
  id_number: '110105********002X',
  birth_date: null,
  revealed: [],
});
const revealed = { ...masked, phone: '13812345678', id_number: '11010519491231002X', birth_date: '1949-12-31', revealed: ['phone', 'id_number', 'birth_date'] };

function serve() {
  saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ is_superuser: true })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    [`GET /api/v1/organizations/${village.id}`]: () => json(village),
    [`GET /api/v1/members/${masked.id}`]: ({ search }) => json(search.includes('reveal=') ? revealed : masked),
    [`GET /api/v1/members/${masked.id}/transfers`]: () => json({ items: [], next_cursor: null }),
    [`PATCH /api/v1/members/${masked.id}`]: ({ body }) => json({ ...masked, ...(body as object), version: 2 }),
  });
}

function birthDateCell(): HTMLElement {
  const label = screen.getByText('出生日期', { selector: '.ant-descriptions-item-label, th, span' });
  const row = label.closest('tr') as HTMLElement;
  return row;
}

describe('a member’s birth date', () => {
  it('shows as hidden on the member page, and the reveal control reveals it with phone and identity number', async () => {
    const { requests } = serve();
    renderWithApp(<MemberDetailPage />, { path: '/members/:memberId', route: `/members/${masked.id}` });
    expect(await screen.findByText('＊＊（已隐藏）')).toBeInTheDocument();
    expect(within(birthDateCell()).getByText('＊＊（已隐藏）')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: /查看完整信息/ }));
    expect((await screen.findAllByText('查看「李明」的完整手机号、身份证号和出生日期？')).length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: '查看并记录' }));
    expect(await screen.findByText('1949年12月31日')).toBeInTheDocument();
    expect(screen.queryByText('＊＊（已隐藏）')).not.toBeInTheDocument();
    const reveal = requests.find((request) => request.search.includes('reveal='));
    expect(new URLSearchParams(reveal?.search).get('reveal')).toBe('phone,id_number,birth_date');
  });

  it('is not cleared by an edit: only the changed fields are sent', async () => {
    const { requests } = serve();
    renderWithApp(<EditMemberPage />, { path: '/members/:memberId/edit', route: `/members/${masked.id}/edit` });
    const name = await screen.findByLabelText('姓名');
    expect(screen.getByText('已隐藏，不修改请留空')).toBeInTheDocument();
    await userEvent.clear(name);
    await userEvent.type(name, '李明华');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(requests.some((request) => request.method === 'PATCH')).toBe(true));
    const patch = requests.find((request) => request.method === 'PATCH');
    expect(patch?.body).toEqual({ name: '李明华' });
    expect(patch?.headers.get('If-Match')).toBe('"1"');
  });
});
