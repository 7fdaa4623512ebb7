import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { saveSession } from '../../api/session';
import { json, mockServer, problem } from '../../test/fetchMock';
import { ENUMS, grantOf, makeMe, makeMember, makeRecord } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { RecordsPage } from './RecordsPage';
import { refusedRecords } from './selection';

const alice = makeMember({ name: '李明' });
const bob = makeMember({ name: '王芳' });
const first = makeRecord({ member_id: alice.id, member_name: alice.name, hours: 2 });
const second = makeRecord({ member_id: bob.id, member_name: bob.name, hours: 3.5 });
const verified = makeRecord({ member_id: alice.id, member_name: alice.name, status: 'verified' });

function rowOf(name: string, hours: string): HTMLElement {
  // A row of the desk's table, or a card of the phone's list (jsdom matches no media query: a phone).
  const row = [...screen.queryAllByRole('row'), ...screen.queryAllByRole('listitem')].find((candidate) => candidate.textContent?.includes(name) && candidate.textContent.includes(hours));
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
}

function signedIn() {
  saveSession({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 });
}

function serve(bulk: (body: unknown) => ReturnType<typeof json>) {
  signedIn();
  return mockServer({
    'GET /api/v1/me': () => json(makeMe({ grants: [grantOf('org_staff')] })),
    'GET /api/v1/meta/enums': () => json(ENUMS),
    'GET /api/v1/volunteer-records': () => json({ items: [first, second, verified], next_cursor: null, total: 3 }),
    [`GET /api/v1/members/${alice.id}`]: () => json(alice),
    [`GET /api/v1/members/${bob.id}`]: () => json(bob),
    'POST /api/v1/volunteer-records/verify': ({ body }) => bulk(body),
  });
}

describe('the verification queue', () => {
  it('verifies the picked records in one call; only pending ones can be picked', async () => {
    const { requests } = serve(() => json({ verified: 2 }));
    renderWithApp(<RecordsPage />, { path: '/volunteer-records', route: '/volunteer-records' });
    await screen.findAllByText('李明');
    const [firstBox, secondBox, ...others] = screen.getAllByRole('checkbox', { name: '选择这条记录' });
    // Only pending records can be picked.
    expect(others.every((box) => (box as HTMLInputElement).disabled)).toBe(true);
    expect(within(rowOf('李明', '2 小时')).getByRole('checkbox')).toBe(firstBox);
    await userEvent.click(firstBox as HTMLElement);
    await userEvent.click(secondBox as HTMLElement);
    expect(screen.getByText('已选择 2 条')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '认定选中的 2 条' }));
    await waitFor(() => expect(screen.queryByText('已选择 2 条')).not.toBeInTheDocument());
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ record_ids: [first.id, second.id] });
  });

  it('when the server refuses, says nothing was verified, marks the refused rows and lets the rest go through', async () => {
    let calls = 0;
    const { requests } = serve(() => {
      calls += 1;
      return calls === 1 ? problem(409, 'volunteer_record_wrong_state', { record_ids: [second.id] }) : json({ verified: 1 });
    });
    renderWithApp(<RecordsPage />, { path: '/volunteer-records', route: '/volunteer-records' });
    await screen.findAllByText('王芳');
    const boxes = screen.getAllByRole('checkbox', { name: '选择这条记录' });
    await userEvent.click(boxes[0] as HTMLElement);
    await userEvent.click(boxes[1] as HTMLElement);
    await userEvent.click(screen.getByRole('button', { name: '认定选中的 2 条' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('本次没有认定任何记录：有 1 条已不是待审核状态');
    expect(document.body).not.toHaveTextContent('volunteer_record_wrong_state');
    expect(rowOf('王芳', '3.5')).toHaveAttribute('aria-invalid', 'true');
    expect(within(rowOf('王芳', '3.5')).getByText(/已不是待审核/)).toBeInTheDocument();
    expect(rowOf('李明', '2')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('已选择 2 条')).toBeInTheDocument();

    await userEvent.click(within(alert).getByRole('button', { name: '取消选择这些记录' }));
    expect(screen.getByText('已选择 1 条')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '认定选中的 1 条' }));
    await waitFor(() => expect(calls).toBe(2));
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.map((post) => post.body)).toEqual([{ record_ids: [first.id, second.id] }, { record_ids: [first.id] }]);
  });
});

describe('photos in the queue', () => {
  it('come from each record’s photo_count: a page of records asks for no photo list, and only records with photos offer them', async () => {
    const withPhotos = makeRecord({ member_id: alice.id, member_name: alice.name, hours: 1.5, photo_count: 2 });
    signedIn();
    const { requests } = mockServer({
      'GET /api/v1/me': () => json(makeMe({ grants: [grantOf('org_staff')] })),
      'GET /api/v1/meta/enums': () => json(ENUMS),
      'GET /api/v1/volunteer-records': () => json({ items: [first, second, verified, withPhotos], next_cursor: null, total: 4 }),
      [`GET /api/v1/members/${alice.id}`]: () => json(alice),
      [`GET /api/v1/members/${bob.id}`]: () => json(bob),
    });
    renderWithApp(<RecordsPage />, { path: '/volunteer-records', route: '/volunteer-records' });
    await screen.findAllByText('王芳');
    await waitFor(() => expect(requests.some((request) => request.path === '/api/v1/volunteer-records')).toBe(true));
    expect(screen.getAllByRole('button', { name: '查看 李明 的照片' })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: '查看 王芳 的照片' })).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.filter((request) => request.path.endsWith('/photos'))).toEqual([]);
  });
});

describe('refusedRecords', () => {
  it('takes the picked records a wrong-state problem names, and nothing from other errors', () => {
    const wrongState = new ApiError({ status: 409, code: 'volunteer_record_wrong_state', recordIds: ['a', 'x'] });
    expect(refusedRecords(wrongState, ['a', 'b'])).toEqual(['a']);
    expect(refusedRecords(new ApiError({ status: 403, code: 'forbidden' }), ['a'])).toEqual([]);
    expect(refusedRecords(new Error('offline'), ['a'])).toEqual([]);
  });
});
