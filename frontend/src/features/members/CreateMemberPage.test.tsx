import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { ENUMS, makeMember, makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { CreateMemberPage } from './CreateMemberPage';

const village = makeOrganization({ name: '上湾村党支部' });

function serve(create: () => ReturnType<typeof json>) {
  return mockServer({
    'GET /api/v1/meta/enums': () => json(ENUMS),
    [`GET /api/v1/organizations/${village.id}`]: () => json(village),
    'GET /api/v1/organizations': () => json({ items: [village], next_cursor: null }),
    'POST /api/v1/members': create,
  });
}

function open() {
  return renderWithApp(<CreateMemberPage />, { path: '/members/new', route: `/members/new?organization=${village.id}` });
}

describe('adding a member', () => {
  it('checks the identity number before sending, and fills in the date of birth and the gender from it', async () => {
    const { requests } = serve(() => json(makeMember(), 201));
    open();
    await userEvent.type(screen.getByLabelText('姓名'), '李明');
    const idNumber = screen.getByLabelText('身份证号');
    await userEvent.type(idNumber, '110105194912310021');
    await userEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByText('身份证号校验位不正确，请核对')).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    await userEvent.clear(idNumber);
    await userEvent.type(idNumber, '11010519491231002x');
    await waitFor(() => expect(screen.getByLabelText('出生日期')).toHaveValue('1949-12-31'));
    await userEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(requests.some((request) => request.method === 'POST')).toBe(true));
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toMatchObject({
      name: '李明',
      id_number: '11010519491231002X',
      birth_date: '1949-12-31',
      gender: 'female',
      organization_id: village.id,
      status: 'full',
      positions: [],
    });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('puts a refusal of the server next to the identity number, in words', async () => {
    serve(() => problem(409, 'member_id_number_taken'));
    open();
    await userEvent.type(screen.getByLabelText('姓名'), '王芳');
    await userEvent.type(screen.getByLabelText('身份证号'), '11010519491231002X');
    await userEvent.click(screen.getByRole('button', { name: /创\s*建/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该身份证号已登记在另一名党员名下。');
    // The field's own message fades in after the alert (Ant Design's motion), so wait for both.
    await waitFor(() => expect(screen.getAllByText('该身份证号已登记在另一名党员名下。')).toHaveLength(2));
    expect(document.body).not.toHaveTextContent('member_id_number_taken');
  });
});
