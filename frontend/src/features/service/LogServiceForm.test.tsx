import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { json, mockServer } from '../../test/fetchMock';
import { ENUMS, makeRecord } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { LogServiceForm } from './LogServiceForm';

const today = dayjs().format('YYYY-MM-DD');

describe('logging service', () => {
  it('holds the day to 24 hours with what it already has, before sending anything', async () => {
    const { requests } = mockServer({
      'GET /api/v1/meta/enums': () => json(ENUMS),
      'GET /api/v1/volunteer-activities': () => json({ items: [], next_cursor: null }),
      'GET /api/v1/volunteer-records': () =>
        json({
          items: [makeRecord({ served_on: today, hours: 20, status: 'verified' }), makeRecord({ served_on: today, hours: 5, status: 'rejected' })],
          next_cursor: null,
        }),
      'POST /api/v1/volunteer-records': ({ body }) => json(makeRecord({ ...(body as object), status: 'pending' }), 201),
    });
    renderWithApp(<LogServiceForm memberId="member-1" />);
    expect(await screen.findByText('这一天已登记 20 小时，还可登记 4 小时')).toBeInTheDocument();

    const hours = screen.getByLabelText('服务时长');
    await userEvent.type(hours, '4.5');
    await userEvent.click(screen.getByRole('combobox', { name: '服务类型' }));
    await userEvent.click(await screen.findByTitle('志愿服务'));
    await userEvent.click(screen.getByRole('button', { name: '提交审核' }));
    expect(await screen.findByText('这一天已登记 20 小时，最多还能登记 4 小时')).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    await userEvent.clear(hours);
    await userEvent.type(hours, '4');
    await userEvent.click(screen.getByRole('button', { name: '提交审核' }));
    await waitFor(() => expect(requests.some((request) => request.method === 'POST')).toBe(true));
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ served_on: today, hours: 4, kind: 'volunteer_service', activity_id: null, beneficiaries: 0, description: null });
    const dayRead = requests.find((request) => request.path === '/api/v1/volunteer-records' && request.method === 'GET');
    expect(new URLSearchParams(dayRead?.search).get('served_from')).toBe(today);
  });
});
